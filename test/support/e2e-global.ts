// Jest globalSetup / globalTeardown of the e2e project: one temporary folder for the whole run,
// holding each file's own folder (see e2e-env.ts), removed at the end whatever the files did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): void {
  process.env.E2E_RUN_DIR = mkdtempSync(join(tmpdir(), 'oj-e2e-'));
}

export function teardown(): void {
  if (process.env.E2E_RUN_DIR) rmSync(process.env.E2E_RUN_DIR, { recursive: true, force: true });
}
