import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Paths the web app never answers: the API, the WebSocket, Judge0, metrics and health stay the gateway's. */
export const RESERVED_PREFIXES = ['/api', '/ws', '/judge0', '/metrics', '/health'];

/** True when `path` (a URL path) belongs to the server, not to the web app (in any case: the router ignores it). */
export function isReservedPath(path: string): boolean {
  const lower = path.toLowerCase();
  return RESERVED_PREFIXES.some((p) => lower === p || lower.startsWith(p + '/'));
}

/** Every file under `dir`, as URL paths (`/index.html`, `/assets/app-1a2b.js`); dotfiles and dot-folders left out. */
export function webAppFiles(dir: string): Set<string> {
  const files = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.add('/' + relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return files;
}

/**
 * Serves the built single-page app in `dir` at `/` (`@fastify/static`): its files (hashed
 * assets cached for a year, everything else, index.html included, never cached), and index.html
 * for any other GET or HEAD of a client route (a path without a file extension), so links such as
 * /problems/aplusb load the app. Never answers a reserved path (see RESERVED_PREFIXES) nor
 * another method. The files are listed once, at start (the build does not change under a
 * running gateway). Does nothing when `dir` has no index.html (the app was not built), so the
 * gateway runs without it.
 */
export async function registerWebApp(app: NestFastifyApplication, dir: string): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) return;
  const files = webAppFiles(dir);
  await app.register(fastifyStatic, {
    root: dir,
    serve: false,
    index: false,
    setHeaders: (res, path) => res.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.getHttpAdapter().getInstance().addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const query = req.url.indexOf('?');
    let path = query < 0 ? req.url : req.url.slice(0, query);
    try {
      path = decodeURIComponent(path);
    } catch {
      return;
    }
    if (isReservedPath(path)) return;
    if (files.has(path)) return reply.sendFile(path.slice(1));
    if (path.slice(path.lastIndexOf('/') + 1).includes('.')) return;
    return reply.sendFile('index.html');
  });
}
