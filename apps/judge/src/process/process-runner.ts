import { Injectable } from '@nestjs/common';
import { ChildProcess, spawn, SpawnOptions, spawnSync, SpawnSyncOptions } from 'node:child_process';

/** What a finished synchronous run gave: exit status (null when killed), text output, a start error. */
export interface SyncRun {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/**
 * The judge's one door to the operating system's processes (immich's ProcessRepository habit):
 * the sandbox starts bwrap through it, the language registry probes toolchains through it. Unit
 * specs replace it with a strict mock; nothing else in the judge imports `node:child_process`.
 */
@Injectable()
export class ProcessRunner {
  /** Starts `command` (spawn semantics, no shell). */
  spawn(command: string, args: string[], options: SpawnOptions): ChildProcess {
    return spawn(command, args, options);
  }

  /**
   * Runs `command` to its end and returns its output as UTF-8 text. `timeoutMs` kills it when
   * reached (status null). Never throws: a command that cannot start has `error` and status null.
   */
  runSync(command: string, args: string[], options: Omit<SpawnSyncOptions, 'encoding'> & { timeoutMs?: number } = {}): SyncRun {
    const { timeoutMs, ...rest } = options;
    const r = spawnSync(command, args, { ...rest, encoding: 'utf8', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(r.error ? { error: r.error } : {}) };
  }
}
