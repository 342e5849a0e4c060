#!/usr/bin/env node
// `npm run submit -- <file> --problem <id>`: runs the CLI (apps/cli, built to dist/apps/cli/main.js
// by `npm run build`), building it first when it is missing. See `npm run submit -- --help`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MAINS, runBuild } from './lib/stack.mjs';

if (!existsSync(MAINS.cli)) {
  try {
    runBuild({ reason: 'dist/apps/cli/main.js missing' });
  } catch (e) {
    process.stderr.write(`submit: ${e.message}\n`);
    process.exit(2);
  }
}
createRequire(import.meta.url)(MAINS.cli);
