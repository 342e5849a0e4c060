import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/config';

/** A compiled program: its folder (mounted read-only at /prog in run boxes) and the compiler's words. */
export interface CompiledProgram {
  dir: string;
  ok: boolean;
  output: string | null;
}

/** Most programs kept; the least recently used go first. */
export const PROGRAM_CACHE_ENTRIES = 500;

/**
 * Compiled programs keyed by (language, toolchain version, compile command, source hash):
 * submitting the same source again does not compile again. Compile errors are kept too: the
 * same source fails the same way. Entries are immutable folders, published by atomic rename.
 */
@Injectable()
export class ProgramCache {
  hits = 0;
  misses = 0;

  constructor(private readonly config: AppConfig) {}

  private get root(): string {
    return join(this.config.judgeWorkDir, 'cache', 'programs');
  }

  /** The cache key of a compilation. */
  key(parts: { language: string; version: string; command: string[]; source: string }): string {
    return createHash('sha256').update(JSON.stringify([parts.language, parts.version, parts.command])).update('\0').update(parts.source).digest('hex');
  }

  /** The cached program, or null. A hit refreshes the entry's age. */
  get(key: string): CompiledProgram | null {
    const dir = join(this.root, key);
    const meta = join(dir, '.compile.json');
    if (!existsSync(meta)) {
      this.misses++;
      return null;
    }
    this.hits++;
    const now = new Date();
    try { utimesSync(dir, now, now); } catch { /* evicted meanwhile: still usable while mounted */ }
    const { ok, output } = JSON.parse(readFileSync(meta, 'utf8')) as { ok: boolean; output: string | null };
    return { dir, ok, output };
  }

  /**
   * Moves a freshly compiled folder into the cache; returns where it now is. The folder was the
   * compile box's: whatever its user left at `.compile.json` (a link to a host file, say) is
   * removed, not followed, and the note is created anew.
   */
  put(key: string, builtDir: string, ok: boolean, output: string | null): CompiledProgram {
    mkdirSync(this.root, { recursive: true, mode: 0o711 });
    const note = join(builtDir, '.compile.json');
    rmSync(note, { recursive: true, force: true });
    writeFileSync(note, JSON.stringify({ ok, output }), { flag: 'wx' });
    const dir = join(this.root, key);
    try {
      renameSync(builtDir, dir);
    } catch {
      // Another judge on this machine cached the same program first: use theirs.
      rmSync(builtDir, { recursive: true, force: true });
    }
    this.evict();
    return { dir, ok, output };
  }

  private evict(): void {
    const entries = readdirSync(this.root);
    if (entries.length <= PROGRAM_CACHE_ENTRIES) return;
    const aged = entries.map((name) => {
      try { return { name, at: statSync(join(this.root, name)).mtimeMs }; } catch { return { name, at: 0 }; }
    }).sort((a, b) => a.at - b.at);
    for (const { name } of aged.slice(0, entries.length - PROGRAM_CACHE_ENTRIES)) rmSync(join(this.root, name), { recursive: true, force: true });
  }
}
