import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isReservedPath, webAppFiles } from './web-app';

describe('the web app', () => {
  it('never answers the server\'s paths, in any case (the router ignores case)', () => {
    for (const p of ['/api', '/api/v1/health', '/API/v1/health', '/Ws', '/judge0/submissions', '/metrics', '/HEALTH']) expect(isReservedPath(p)).toBe(true);
    for (const p of ['/', '/problems/aplusb', '/apix', '/assets/app.js', '/wsx']) expect(isReservedPath(p)).toBe(false);
  });

  it('serves the files of its build only, as URL paths, dotfiles and dot-folders left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-app-spec-'));
    try {
      mkdirSync(join(dir, 'assets'));
      mkdirSync(join(dir, '.git'));
      for (const f of ['index.html', 'assets/app-1a2b.js', '.env', 'assets/.secret', '.git/config']) writeFileSync(join(dir, f), 'x');
      expect([...webAppFiles(dir)].sort()).toEqual(['/assets/app-1a2b.js', '/index.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
