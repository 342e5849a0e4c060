import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledProgram, ProgramCache } from '../cache/program.cache';
import { shownText } from '../judging/shown-output';
import { compileFailureReason } from '../judging/verdict-rules';
import { Language, PROGRAM_DIR } from '../languages/language.registry';
import { SandboxService } from '../sandbox/sandbox.service';
import { languageSources, writeProgramFiles } from './program-files';
import { RunLimits, RunResult } from '../sandbox/sandbox.types';

/** Compilation's own limits: generous for javac and rustc, bounded for compile bombs. */
export const COMPILE_LIMITS: RunLimits = {
  cpuMs: 15000, wallMs: 30000, memoryKb: 1024 * 1024, outputKb: 1024, processes: 64, fileSizeKb: 256 * 1024, scratchKb: 512 * 1024,
};

/** A source saved and compiled in a folder of its own. */
export interface Build {
  /** Name of the source file in `dir` (the language decides it, e.g. Java's public class). */
  file: string;
  dir: string;
  /** The compiler exited 0, or the language compiles nothing. */
  ok: boolean;
  /** The compiler's run; null for a language without a compile step. */
  run: RunResult | null;
}

/** A submission's program: the folder to mount at PROGRAM_DIR, the compiler's words, the source file name. */
export interface Program extends CompiledProgram {
  file: string;
}

/**
 * A program's files by path (relative, `/`-separated); `file` is the one the language's commands
 * take (the entry point); the others sit beside it, in folders as their paths say.
 */
export interface SourceFiles {
  file: string;
  files: Record<string, string | Buffer>;
  /**
   * Set for a program sent as several files (a submission's or a checker's `files`): compilers
   * that build several files get every source of the language. Unset (one file, or a function
   * problem's driver that includes the user's file itself), they get the entry only.
   */
  several?: boolean;
}

/** The entry file's text, which the language's commands may look into (Java's main class). */
export function entryText(src: SourceFiles): string {
  const t = src.files[src.file];
  return typeof t === 'string' ? t : t.toString('utf8');
}

/**
 * The compile command of `src`: for a program sent as several files, the language's sources among
 * them are handed to compilers that take several (gcc, javac, …; see Language.compile); else the
 * language's own command on the entry.
 */
export function compileCommand(language: Language, src: SourceFiles): string[] | undefined {
  return language.compile?.(src.file, entryText(src), src.several ? languageSources(language, Object.keys(src.files), src.file) : undefined);
}

/** One source file, named as the language wants (e.g. Java's public class). */
export function singleFile(language: Language, source: string): SourceFiles {
  const file = language.sourceFile(source);
  return { file, files: { [file]: source } };
}

/**
 * A language's compile limits: COMPILE_LIMITS with CPU time `baseCpuMs` (`JUDGE_COMPILE_TIME_LIMIT_MS`;
 * wall time twice that) and the language's own overrides where they are larger (JVM compilers need more).
 */
export function compileLimitsOf(language: Language, baseCpuMs = COMPILE_LIMITS.cpuMs): RunLimits {
  const own = language.compileLimits ?? {};
  return { ...COMPILE_LIMITS, ...own, cpuMs: Math.max(baseCpuMs, own.cpuMs ?? 0), wallMs: Math.max(2 * baseCpuMs, own.wallMs ?? 0) };
}

/**
 * The one compile step, in a box: submissions (through the compile cache) and custom checkers
 * build here. Also the second look an interpreted language's lazy syntax check needs.
 */
@Injectable()
export class Compiler {
  private readonly logger = new Logger(Compiler.name);

  constructor(
    private readonly sandbox: SandboxService,
    private readonly programs: ProgramCache,
    private readonly config: AppConfig,
  ) {}

  /** The compile limits of `language` on this judge (JUDGE_COMPILE_TIME_LIMIT_MS). */
  limitsFor(language: Language): RunLimits {
    return compileLimitsOf(language, this.config.judgeCompileTimeLimitMs);
  }

  /**
   * Saves the source files into the new folder `dir` (which must not exist) and compiles them there in a box
   * with `limits`; the folder is then made read-only for the box users. Never throws for what
   * the compiler does; throws SandboxError when the box cannot start.
   */
  async build(language: Language, src: SourceFiles, dir: string, limits: RunLimits = this.limitsFor(language)): Promise<Build> {
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const { file } = src;
    const folders = writeProgramFiles(dir, src.files);
    // After the box has ended: its user may have swapped a folder for a link (code runs while
    // compiling: Perl's BEGIN, Template Haskell, Racket macros), which root must not follow.
    const seal = () => {
      chmodSync(dir, 0o755);
      for (const d of folders) if (lstatSync(d, { throwIfNoEntry: false })?.isDirectory()) chmodSync(d, 0o755);
    };
    const argv = compileCommand(language, src);
    if (!argv) {
      seal();
      return { file, dir, ok: true, run: null };
    }
    const run = await this.sandbox.run({ argv, mounts: language.mounts, workDir: dir, env: language.env, limits });
    seal();
    return { file, dir, ok: run.outcome === 'exited' && run.exitCode === 0, run };
  }

  /**
   * A submission's program: from the compile cache, else built under `work` and cached. A
   * failure's `output` is the compiler's words (first 64 KiB) and why it failed.
   * @throws Error when the compiler itself cannot be executed (the judge's fault, not the user's).
   */
  async compile(language: Language, src: SourceFiles, work: string): Promise<Program> {
    const { file } = src;
    const command = compileCommand(language, src) ?? [];
    const names = Object.keys(src.files);
    // One text file keys by its text (which never holds NUL); anything else by every file's bytes
    // and the entry point, behind a NUL so the two forms never meet.
    const single = names.length === 1 && typeof src.files[file] === 'string';
    const source = single ? (src.files[file] as string)
      : `\0${JSON.stringify([file, ...names.sort().map((n) => [n, Buffer.from(src.files[n]).toString('base64')])])}`;
    const key = this.programs.key({ language: language.id, version: language.version, command, source });
    const hit = this.programs.get(key);
    if (hit) {
      this.logger.log(`compile cache hit ${key.slice(0, 12)} (${language.id})`);
      return { ...hit, file };
    }
    const b = await this.build(language, src, join(work, 'program'));
    if (!b.run) return { ...this.programs.put(key, b.dir, true, null), file };
    if (b.run.execError) throw new Error(`cannot run the ${language.id} compiler: ${b.run.execError}`);
    const text = shownText(Buffer.concat([b.run.stdout, b.run.stderr])).trim();
    if (b.ok) return { ...this.programs.put(key, b.dir, true, text || null), file };
    const output = [text, compileFailureReason(b.run, this.limitsFor(language))].filter(Boolean).join('\n');
    // A compiler that stopped on its own fails the same way next time; one stopped at a limit may not.
    if (b.run.outcome === 'exited') return { ...this.programs.put(key, b.dir, false, output), file };
    return { dir: b.dir, ok: false, output, file };
  }

  /**
   * Whether a failed first run of an interpreted program (no compile step) was a syntax error:
   * its stderr looks like one and the language's check, run in a box, confirms it.
   * @throws Error when the check cannot be executed.
   */
  async isLazyCompileError(language: Language, program: Program, r: RunResult): Promise<boolean> {
    const check = language.lazyCompileCheck;
    if (!check || r.outcome !== 'exited' || r.exitCode === 0 || !check.looksLike(r.stderr.toString('utf8'))) return false;
    const confirm = await this.sandbox.run({
      argv: check.confirm(program.file, r.stderr.toString('utf8')), mounts: [...language.mounts, { source: program.dir, target: PROGRAM_DIR }], env: language.env, limits: this.limitsFor(language),
    });
    if (confirm.execError) throw new Error(`cannot run the ${language.id} syntax check: ${confirm.execError}`);
    return confirm.outcome === 'exited' && confirm.exitCode !== 0;
  }
}
