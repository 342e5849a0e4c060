import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { processAlive } from '../sandbox/process-alive';

/**
 * Per-submission work folders under `JUDGE_WORK_DIR/jobs/<pid>/`: one per judging, removed
 * after it. At start, folders of judges on this machine that died mid-submission are removed.
 */
@Injectable()
export class WorkFolders implements OnModuleInit {
  private readonly logger = new Logger(WorkFolders.name);

  constructor(private readonly config: AppConfig) {}

  /** Removes work folders of judges on this machine that died mid-submission. */
  onModuleInit(): void {
    const root = join(this.config.judgeWorkDir, 'jobs');
    if (!existsSync(root)) return;
    for (const name of readdirSync(root)) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
      rmSync(join(root, name), { recursive: true, force: true });
      this.logger.log(`removed work folders of judge process ${pid}, which is gone`);
    }
  }

  /** A new, empty work folder (a random name: a box's /proc shows its mount sources). */
  create(): string {
    const dir = join(this.config.judgeWorkDir, 'jobs', String(process.pid));
    mkdirSync(dir, { recursive: true, mode: 0o711 });
    return mkdtempSync(join(dir, 'job-'));
  }

  /**
   * Removes a work folder and everything in it, on libuv's thread pool: done synchronously it held
   * the judge's only thread ~6 ms a submission on a busy disk (docs/performance.md). See `removeTree`.
   */
  remove(dir: string): Promise<void> {
    return removeTree(dir);
  }
}

/**
 * Removes `dir` and everything under it, each call on libuv's thread pool: one readdir, the
 * entries at once, one rmdir: four hand-offs for a work folder holding two files, where
 * `fs.promises.rm` makes about eight (an lstat before each removal, and a first rmdir that fails).
 * Anything unexpected (a file type, a permission) is left to `fs.promises.rm`; a missing `dir` is no error.
 */
export async function removeTree(dir: string): Promise<void> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    await Promise.all(entries.map((e) => (e.isDirectory() ? removeTree(join(dir, e.name)) : unlink(join(dir, e.name)))));
    await rmdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(dir)) return;
    await rm(dir, { recursive: true, force: true });
  }
}
