import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source';

describe('dataSourceOptions (the embedded SQLite file)', () => {
  let tmp: string;
  let ds: DataSource | undefined;

  beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'data-source-spec-')); });
  afterEach(async () => {
    await ds?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('opens the file in WAL mode with synchronous = NORMAL (no fsync per commit), migrated', async () => {
    const path = join(tmp, 'sub', 'oj.sqlite');
    ds = await new DataSource(await dataSourceOptions({ database: { type: 'sqlite', path } } as unknown as AppConfig)).initialize();
    expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'submission'")).toHaveLength(1);
  });
});
