import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTree } from './work-folders';

describe('removeTree', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'work-folders-spec-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes a folder with files, nested folders, an empty folder and symlinks (not their targets)', async () => {
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep'), 'x');
    const dir = join(root, 'job');
    mkdirSync(join(dir, 'program/target/debug'), { recursive: true });
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'stdin'), '1 2\n');
    writeFileSync(join(dir, 'program/target/debug/main'), 'bin');
    symlinkSync(outside, join(dir, 'link-to-folder'));
    symlinkSync(join(root, 'nowhere'), join(dir, 'dangling'));

    await removeTree(dir);

    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(outside, 'keep'))).toBe(true);
  });

  it('a folder that is already gone is no error', async () => {
    await expect(removeTree(join(root, 'gone'))).resolves.toBeUndefined();
  });

  it('a read-only subfolder (a box left it so) is removed too', async () => {
    const dir = join(root, 'job');
    mkdirSync(join(dir, 'ro'), { recursive: true });
    writeFileSync(join(dir, 'ro/file'), 'x');
    chmodSync(join(dir, 'ro'), 0o555);
    await removeTree(dir);
    expect(existsSync(dir)).toBe(false);
  });
});
