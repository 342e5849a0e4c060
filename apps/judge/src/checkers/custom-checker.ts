import { Injectable, Logger } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import type { CheckerDto, LanguageId } from '@app/contracts';
import { Compiler, entryText, singleFile, SourceFiles } from '../compile/compiler';
import { decodeProgramFiles, entryFile, ProgramFilesError } from '../compile/program-files';
import { compileFailureReason } from '../judging/verdict-rules';
import { Language, LanguageRegistry, PROGRAM_DIR } from '../languages/language.registry';
import { SandboxService } from '../sandbox/sandbox.service';
import { RunLimits, RunResult } from '../sandbox/sandbox.types';

/** What a validator said: `judgemessage.txt` of its feedback folder, else its stdout and stderr (4 KiB at most). */
export function feedbackMessage(r: RunResult, feedbackDir: string): string {
  const file = join(feedbackDir, 'judgemessage.txt');
  const said = (existsSync(file) ? readFileSync(file).subarray(0, 4096).toString('utf8') : '')
    || Buffer.concat([r.stdout, r.stderr]).subarray(0, 4096).toString('utf8');
  return said.trim();
}

/**
 * A Kattis-protocol validator's run (ICPC problem package format, output validators): exit 42
 * accepted, 43 wrong; anything else, a signal or a limit is `internal` (IE). `what` names it in
 * messages (`checker`, `validator`).
 */
export function kattisResult(r: RunResult, feedbackDir: string, what: string): CustomCheckResult {
  const message = feedbackMessage(r, feedbackDir);
  if (r.outcome !== 'exited') return { outcome: 'internal', message: `the ${what} failed: ${r.outcome}${r.signal ? ` (${r.signal})` : ''}` };
  const code = r.exitCode;
  if (code === 42) return { outcome: 'accepted', message: message || 'ok' };
  if (code === 43) return { outcome: 'wrong', message: message || 'wrong answer' };
  return { outcome: 'internal', message: `the ${what} failed (exit ${code}, expected 42 or 43): ${message}` };
}

/** Limits of one checker run: checkers are trusted to be correct, not to be fast or small. */
export const CHECKER_LIMITS: RunLimits = {
  cpuMs: 10000, wallMs: 20000, memoryKb: 1024 * 1024, outputKb: 1024, processes: 32, fileSizeKb: 64 * 1024,
};

/**
 * Limits of a checker's (or validator's) compilation: twice a submission's compile time
 * (`JUDGE_COMPILE_TIME_LIMIT_MS`; testlib.h is heavy), with the checkers' memory and processes.
 */
export function checkerCompileLimits(submissionCompile: RunLimits): RunLimits {
  return { ...CHECKER_LIMITS, cpuMs: 2 * submissionCompile.cpuMs, wallMs: 2 * submissionCompile.wallMs };
}

/** What a custom checker said about one test. `internal`: the checker failed (IE, never WA). */
export interface CustomCheckResult {
  outcome: 'accepted' | 'wrong' | 'internal';
  message: string;
  /** testlib exit 7 (partial): the points it printed, when it printed a number. */
  points?: number;
}

export interface Prepared {
  dir: string;
  language: Language;
  file: string;
  /** The entry file's text (Java's main class is found in it). */
  text?: string;
  error: string | null;
}

/**
 * A checker's program: its `source` as one file, or its `files` (several, e.g. two .cc and a
 * header) with the entry point found as for a submission of several files.
 * @throws ProgramFilesError when the files cannot be built (a binary, no entry point).
 */
export function checkerSource(language: Language, checker: CheckerDto): SourceFiles {
  if (!checker.files) return singleFile(language, checker.source ?? '');
  const files = decodeProgramFiles(checker.files, checker.entryPoint ?? null);
  return { file: entryFile(language, files, checker.entryPoint ?? null), files, several: true };
}

export const JUDGE_DIR = '/judge';

/**
 * Custom checker programs: compiled once per problem version (kept under the judge's work folder)
 * by the same compile step as submissions (`Compiler.build`),
 * then run in the sandbox like a submission, read-only files at /judge/{input,answer,output}.
 * Protocols: Kattis output validators (`checker input answer feedback_dir < output`; exit 42
 * accepted, 43 wrong; `judgemessage.txt` in the feedback folder), per the ICPC problem package
 * format; and testlib's (`checker input output answer`; exit 0 OK, 1 WA, 2 PE counted as WA,
 * 3 FAIL, 7 partial points). A checker that crashes, times out or exits otherwise is IE.
 */
@Injectable()
export class CustomCheckers {
  private readonly logger = new Logger(CustomCheckers.name);
  private readonly prepared = new Map<string, Promise<Prepared>>();

  constructor(
    private readonly config: AppConfig,
    private readonly sandbox: SandboxService,
    private readonly languages: LanguageRegistry,
    private readonly compiler: Compiler,
  ) {}

  /** Compiles (once per `key`, e.g. the problem's version) and returns the checker or its error. */
  prepare(key: string, checker: CheckerDto): Promise<Prepared> {
    let p = this.prepared.get(key);
    if (!p) {
      p = this.compile(key, checker);
      this.prepared.set(key, p);
      // A failed compile may be the machine's fault: let the next submission try again.
      void p.then((r) => r.error && this.prepared.delete(key));
    }
    return p;
  }

  private async compile(key: string, checker: CheckerDto): Promise<Prepared> {
    const language = this.languages.get((checker.language ?? 'cpp') as LanguageId);
    const root = join(this.config.judgeWorkDir, 'checkers');
    mkdirSync(root, { recursive: true, mode: 0o711 });
    const dir = join(root, key.replace(/[^\w.-]/g, '_'));
    if (!language) return { dir, language: language!, file: '', error: `no toolchain for the checker's language ${checker.language}` };
    if (!checker.source && !checker.files) return { dir, language, file: '', error: 'custom checker without source' };
    let src: SourceFiles;
    try {
      src = checkerSource(language, checker);
    } catch (e) {
      if (!(e instanceof ProgramFilesError)) throw e;
      return { dir, language, file: '', error: `the checker cannot be built: ${e.message}` };
    }
    rmSync(dir, { recursive: true, force: true });
    const limits = checkerCompileLimits(this.compiler.limitsFor(language));
    const b = await this.compiler.build(language, src, dir, limits);
    if (!b.ok && b.run) {
      const out = Buffer.concat([b.run.stdout, b.run.stderr]).toString('utf8').slice(0, 4000).trim();
      const why = [out, compileFailureReason(b.run, limits)].filter(Boolean).join('\n');
      this.logger.warn(`checker ${key} does not compile: ${why}`);
      return { dir, language, file: b.file, error: `the checker does not compile: ${why}` };
    }
    return { dir, language, file: b.file, text: entryText(src), error: null };
  }

  /**
   * Runs the checker on one test (input and answer are host files, mounted read-only). `work`
   * is a folder of the judge's own for the output and the feedback folder.
   * Never throws for anything the checker does; throws only if the sandbox cannot start.
   */
  async check(checker: CheckerDto, prepared: Prepared, work: string, inputFile: string, answerFile: string, output: Buffer): Promise<CustomCheckResult> {
    if (prepared.error) return { outcome: 'internal', message: prepared.error };
    const files = mkdtempSync(join(work, 'check-'));
    const feedback = join(files, 'feedback');
    mkdirSync(feedback);
    chmodSync(files, 0o755);
    chmodSync(feedback, 0o777);
    writeFileSync(join(files, 'output'), output);
    try {
      const testlib = checker.protocol === 'testlib';
      const args = testlib ? [`${JUDGE_DIR}/input`, `${JUDGE_DIR}/output`, `${JUDGE_DIR}/answer`] : [`${JUDGE_DIR}/input`, `${JUDGE_DIR}/answer`, `${JUDGE_DIR}/feedback`];
      const r = await this.sandbox.run({
        argv: [...prepared.language.run(prepared.file, CHECKER_LIMITS.memoryKb, prepared.text), ...args],
        mounts: [
          ...prepared.language.mounts,
          { source: prepared.dir, target: PROGRAM_DIR },
          { source: inputFile, target: `${JUDGE_DIR}/input` },
          { source: answerFile, target: `${JUDGE_DIR}/answer` },
          { source: join(files, 'output'), target: `${JUDGE_DIR}/output` },
          { source: feedback, target: `${JUDGE_DIR}/feedback`, writable: true },
        ],
        stdinFile: testlib ? undefined : join(files, 'output'),
        env: prepared.language.env,
        limits: CHECKER_LIMITS,
      });
      if (!testlib) return kattisResult(r, feedback, 'checker');
      const message = feedbackMessage(r, feedback);
      if (r.outcome !== 'exited') return { outcome: 'internal', message: `the checker failed: ${r.outcome}${r.signal ? ` (${r.signal})` : ''}` };
      const code = r.exitCode;
      if (code === 0) return { outcome: 'accepted', message: message || 'ok' };
      if (code === 1 || code === 2) return { outcome: 'wrong', message: message || (code === 2 ? 'presentation error' : 'wrong answer') };
      if (code === 7) {
        const points = Number(/(-?\d+(?:\.\d+)?)/.exec(message)?.[1]);
        return { outcome: 'wrong', message: message || 'partial', ...(Number.isFinite(points) ? { points } : {}) };
      }
      return { outcome: 'internal', message: `the checker failed (exit ${code}): ${message}` };
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
  }
}
