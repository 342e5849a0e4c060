import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The web app (see docs/web-app.md). `npm run build` writes it to dist/apps/web, which the
// gateway serves at `/`. `npm run web:dev` serves it with hot reload and proxies the API and
// the WebSocket to a gateway on :3000.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: {
    // Types only (frames, views) and dependency-free modules such as verdict.enum: never the
    // contracts' index, which pulls in Nest.
    alias: [{ find: /^@app\/contracts\/(.*)$/, replacement: resolve(import.meta.dirname, '../../libs/contracts/src/$1') }],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/apps/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // React Query's modules start with "use client" (for React Server Components), which a
      // client-only bundle drops on purpose: one warning per module, none of them actionable.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
