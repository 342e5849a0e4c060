import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the web app never answers: the API, the WebSocket, Judge0, metrics and health stay the gateway's. */
export const RESERVED_PREFIXES = ['/api', '/ws', '/judge0', '/metrics', '/health'];

/** True when `path` (a URL path) belongs to the server, not to the web app. */
export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((p) => path === p || path.startsWith(p + '/'));
}

/**
 * Express middlewares serving the built single-page app in `dir` at `/`: its files (hashed
 * assets cached for a year, index.html never cached), and index.html for any other GET of a
 * client route (a path without a file extension), so links such as /problems/aplusb load the app.
 * Never answers a reserved path (see RESERVED_PREFIXES). Returns [] when `dir` has no index.html
 * (the app was not built), so the gateway runs without it.
 */
export function webAppMiddlewares(dir: string): Array<(req: Request, res: Response, next: NextFunction) => void> {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return [];
  const files = serveStatic(dir, {
    index: false,
    setHeaders: (res, path) =>
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return [
    (req, res, next) => (isReservedPath(req.path) ? next() : files(req, res, next)),
    (req, res, next) => {
      const last = req.path.slice(req.path.lastIndexOf('/') + 1);
      if ((req.method !== 'GET' && req.method !== 'HEAD') || isReservedPath(req.path) || last.includes('.')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    },
  ];
}
