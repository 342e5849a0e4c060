import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import {
  JudgeEvents, Limits, resolveLimits, SubmissionStatus, TestResultView, Verdict,
} from '@app/contracts';
import {
  ProblemEntity, SubmissionEntity, SubmissionsRepository, toSubmissionView,
} from '@app/persistence';
import { EventBus } from '@app/pubsub';
import { check, CheckerSpec } from './checkers';
import { CustomCheckers } from './checkers/custom-checker';
import { CompiledProgram, ProgramCache } from './cache/program.cache';
import { TestDataCache } from './cache/test-data.cache';
import { Language, LanguageRegistry, PROGRAM_DIR } from './languages/language.registry';
import { processAlive } from './sandbox/process-alive';
import { SandboxService } from './sandbox/sandbox.service';
import { RunLimits, RunResult } from './sandbox/sandbox.types';

/** Shown stdout / stderr / compiler output is cut here (DESIGN.md: 64 KiB with a note). */
export const SHOWN_OUTPUT_BYTES = 64 * 1024;

/**
 * Compilation's own limits: generous for javac and rustc, bounded for compile bombs. CPU and
 * wall time come from `JUDGE_COMPILE_TIME_LIMIT_MS` (default these, 15000 and 30000 ms).
 */
export const COMPILE_LIMITS: RunLimits = {
  cpuMs: 15000, wallMs: 30000, memoryKb: 1024 * 1024, outputKb: 1024, processes: 64, fileSizeKb: 256 * 1024, scratchKb: 512 * 1024,
};

/**
 * Cuts `buf` to `SHOWN_OUTPUT_BYTES` as UTF-8 text, with a note when cut. Invalid bytes and NUL
 * (which PostgreSQL's text type cannot hold) become U+FFFD.
 */
export function shownText(buf: Buffer): string {
  const text = buf.length <= SHOWN_OUTPUT_BYTES ? buf.toString('utf8') : `${buf.subarray(0, SHOWN_OUTPUT_BYTES).toString('utf8')}\n[… cut at 64 KiB of ${buf.length} bytes]`;
  return text.replace(/\u0000/g, '\uFFFD');
}

interface TestPlan {
  index: number;
  inputFile: string;
  /** null: ad-hoc run without an expected output (any clean exit is accepted). */
  answerFile: string | null;
  sample: boolean;
  points: number | null;
  group: string | null;
}

/**
 * The judging pipeline: compile once, run each test in a fresh box, check, record. Every state
 * change is saved to the database first, then published as `submission.updated`.
 */
@Injectable()
export class JudgeService implements OnModuleInit {
  private readonly logger = new Logger(JudgeService.name);
  readonly judgeId = `judge-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  running = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly submissions: SubmissionsRepository,
    private readonly languages: LanguageRegistry,
    private readonly sandbox: SandboxService,
    private readonly bus: EventBus,
    private readonly customCheckers: CustomCheckers,
    private readonly testData: TestDataCache,
    private readonly programs: ProgramCache,
  ) {
    const cpuMs = config.judgeCompileTimeLimitMs;
    this.compileLimits = { ...COMPILE_LIMITS, cpuMs, wallMs: 2 * cpuMs };
  }

  private readonly compileLimits: RunLimits;

  private async save(s: SubmissionEntity): Promise<SubmissionEntity> {
    const saved = await this.submissions.update(s);
    await this.bus.publish(JudgeEvents.SubmissionUpdated, toSubmissionView(saved));
    return saved;
  }

  /** Marks a submission IE (internal error) with `message`, unless it already finished. */
  async failInternally(submissionId: string, message: string): Promise<void> {
    const s = await this.submissions.findById(submissionId);
    if (!s || s.status === SubmissionStatus.Finished) return;
    s.status = SubmissionStatus.Finished;
    s.verdict = Verdict.IE;
    s.tests = s.tests.map((t) => (t.verdict ? t : { ...t, skipped: true }));
    s.score = 0;
    this.logger.error(`submission ${submissionId}: IE: ${message}`);
    await this.save(s);
  }

  /**
   * Judges one submission to a final verdict. Safe to call again after a crash: it starts over.
   * @throws when the database, Redis or the sandbox fail (the queue retries, then `failInternally`).
   */
  async judge(submissionId: string): Promise<void> {
    let s = await this.submissions.findById(submissionId);
    if (!s || s.status === SubmissionStatus.Finished) return;
    this.running++;
    // Random names: the box's /proc shows its mount sources, and they need not name anything.
    const work = mkdtempSync(join(this.jobsDir(), 'job-'));
    try {
      await this.pipeline(s, work);
    } finally {
      this.running--;
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** This process's own folder of per-submission work folders. */
  private jobsDir(): string {
    const dir = join(this.config.judgeWorkDir, 'jobs', String(process.pid));
    mkdirSync(dir, { recursive: true, mode: 0o711 });
    return dir;
  }

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

  private async pipeline(s: SubmissionEntity, work: string): Promise<void> {
    const language = this.languages.get(s.language);
    const cached = s.problemId ? await this.testData.get(s.problemId) : null;
    if (s.problemId && !cached) return this.finishWith(s, Verdict.IE, `problem ${s.problemId} no longer exists`);
    const problem = cached?.problem;
    let plan: TestPlan[];
    if (cached) {
      plan = cached.tests;
    } else {
      writeFileSync(join(work, 'stdin'), s.stdin ?? '');
      if (s.expectedOutput !== null) writeFileSync(join(work, 'expected'), s.expectedOutput);
      plan = [{ index: 1, inputFile: join(work, 'stdin'), answerFile: s.expectedOutput === null ? null : join(work, 'expected'), sample: true, points: null, group: null }];
    }
    const limits = resolveLimits({
      ...(problem ? { timeLimitMs: problem.timeLimitMs, memoryLimitKb: problem.memoryLimitKb, outputLimitKb: problem.outputLimitKb } : {}),
      ...s.limits,
    });

    s.judgeId = this.judgeId;
    s.status = SubmissionStatus.Compiling;
    s.verdict = null;
    s.score = null;
    s.timeMs = null;
    s.memoryKb = null;
    s.compileOutput = null;
    s.testCount = plan.length;
    s.tests = plan.map((t) => ({
      index: t.index, verdict: null, sample: t.sample, group: t.group, timeMs: null, wallTimeMs: null, memoryKb: null, exitCode: null, signal: null,
    }));
    s = await this.save(s);
    if (!language) return this.finishWith(s, Verdict.IE, `no toolchain for ${s.language} on this judge`);

    const file = language.sourceFile(s.sourceCode);
    const compiled = await this.compile(language, file, s.sourceCode, work);
    s.compileOutput = compiled.output;
    if (!compiled.ok) {
      s.tests = s.tests.map((t) => ({ ...t, skipped: true }));
      return this.finishWith(s, Verdict.CE, null);
    }

    s.status = SubmissionStatus.Running;
    s = await this.save(s);

    const stopOnFailure = problem ? problem.stopOnFailure : true;
    let failed: Verdict | null = null;
    for (const [i, t] of plan.entries()) {
      if (failed && stopOnFailure) {
        s.tests[i] = { ...s.tests[i], skipped: true };
        continue;
      }
      const argv = language.run(file, limits.memoryLimitKb);
      const result = await this.sandbox.run({
        argv,
        mounts: [...language.mounts, { source: compiled.dir, target: PROGRAM_DIR }],
        stdinFile: t.inputFile,
        env: language.env,
        limits: runLimits(limits),
      });
      if (result.execError && !argv[0].startsWith(`${PROGRAM_DIR}/`)) throw new Error(`cannot run the ${language.id} toolchain: ${result.execError}`);
      if (i === 0 && (await this.isLazyCompileError(language, file, compiled.dir, result))) {
        s.compileOutput = shownText(result.stderr).trim();
        s.tests = s.tests.map((x) => ({ ...x, skipped: true }));
        return this.finishWith(s, Verdict.CE, null);
      }
      const tr = await this.testResult(t, result, limits, language, work, problem);
      s.tests[i] = tr;
      if (tr.verdict !== Verdict.AC && !failed) failed = tr.verdict;
      s.timeMs = Math.max(s.timeMs ?? 0, tr.timeMs ?? 0);
      s.memoryKb = Math.max(s.memoryKb ?? 0, tr.memoryKb ?? 0);
      // Skipped tests are only known at the end; intermediate frames show them as not yet run.
      if (i < plan.length - 1) s = await this.save(s);
    }
    s.score = score(plan, s.tests, problem?.groups ?? []);
    await this.finishWith(s, failed ?? Verdict.AC, null);
  }

  /** A failed first run of an interpreted program that a syntax check in a box confirms did not compile. */
  private async isLazyCompileError(language: Language, file: string, dir: string, r: RunResult): Promise<boolean> {
    const check = language.lazyCompileCheck;
    if (!check || r.outcome !== 'exited' || r.exitCode === 0 || !check.looksLike(r.stderr.toString('utf8'))) return false;
    const confirm = await this.sandbox.run({
      argv: check.confirm(file), mounts: [...language.mounts, { source: dir, target: PROGRAM_DIR }], env: language.env, limits: this.compileLimits,
    });
    if (confirm.execError) throw new Error(`cannot run the ${language.id} syntax check: ${confirm.execError}`);
    return confirm.outcome === 'exited' && confirm.exitCode !== 0;
  }

  private async finishWith(s: SubmissionEntity, verdict: Verdict, message: string | null): Promise<void> {
    s.status = SubmissionStatus.Finished;
    s.verdict = verdict;
    if (message) s.compileOutput = s.compileOutput ?? message;
    if (verdict === Verdict.CE || verdict === Verdict.IE) s.score = 0;
    s.score ??= verdict === Verdict.AC ? 100 : 0;
    if (message) this.logger.warn(`submission ${s.id}: ${verdict}: ${message}`);
    await this.save(s);
  }

  /**
   * Compiles in a box (or finds the program in the compile cache). Returns the folder to mount
   * at /prog: the cached, immutable one.
   */
  private async compile(language: Language, file: string, source: string, work: string): Promise<CompiledProgram> {
    const command = language.compile?.(file) ?? [];
    const key = this.programs.key({ language: language.id, version: language.version, command, source });
    const hit = this.programs.get(key);
    if (hit) {
      this.logger.log(`compile cache hit ${key.slice(0, 12)} (${language.id})`);
      return hit;
    }
    const dir = join(work, 'program');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, file), source);
    if (!language.compile) {
      chmodSync(dir, 0o755);
      return this.programs.put(key, dir, true, null);
    }
    const r = await this.sandbox.run({ argv: command, mounts: language.mounts, workDir: dir, env: language.env, limits: this.compileLimits });
    if (r.execError) throw new Error(`cannot run the ${language.id} compiler: ${r.execError}`);
    chmodSync(dir, 0o755);
    const text = shownText(Buffer.concat([r.stdout, r.stderr])).trim();
    if (r.outcome === 'exited' && r.exitCode === 0) return this.programs.put(key, dir, true, text || null);
    const why: Record<RunResult['outcome'], string> = {
      'time-limit': `compilation exceeded its CPU time limit (${this.compileLimits.cpuMs} ms)`,
      'wall-time-limit': `compilation exceeded its wall time limit (${this.compileLimits.wallMs} ms)`,
      'memory-limit': `compilation exceeded its memory limit (${this.compileLimits.memoryKb} KiB)`,
      'output-limit': `compilation produced more than ${this.compileLimits.outputKb} KiB of output or too large a file`,
      signaled: `the compiler was killed by ${r.signal}`,
      exited: `the compiler exited with code ${r.exitCode}`,
    };
    const output = [text, why[r.outcome]].filter(Boolean).join('\n');
    // A compiler that stopped on its own fails the same way next time; one stopped at a limit may not.
    if (r.outcome === 'exited') return this.programs.put(key, dir, false, output);
    return { dir, ok: false, output };
  }

  /** The test's result from how the run ended, then from the checker when it ran cleanly. */
  private async testResult(t: TestPlan, r: RunResult, limits: Limits, language: Language, work: string, problem?: ProblemEntity): Promise<TestResultView> {
    const base: TestResultView = {
      index: t.index, verdict: null, sample: t.sample, group: t.group, timeMs: r.cpuMs, wallTimeMs: r.wallMs, memoryKb: r.memoryKb,
      exitCode: r.exitCode, signal: r.signal, message: null,
    };
    if (t.sample) {
      base.stdout = shownText(r.stdout);
      base.stderr = shownText(r.stderr);
    }
    const failedRun = r.outcome !== 'exited' || r.exitCode !== 0;
    const outOfMemory = r.memoryLimitHit || (!!language.outOfMemory && language.outOfMemory.test(r.stderr.toString('latin1')));
    const mle = { ...base, verdict: Verdict.MLE, message: `memory limit exceeded (${limits.memoryLimitKb} KiB)` };
    switch (r.outcome) {
      case 'time-limit':
        return { ...base, verdict: Verdict.TLE, message: `CPU time limit exceeded (${limits.timeLimitMs} ms)` };
      case 'wall-time-limit':
        return { ...base, verdict: Verdict.TLE, message: `wall time limit exceeded (${limits.wallTimeLimitMs} ms): the program was waiting or sleeping` };
      case 'memory-limit':
        return mle;
      case 'output-limit':
        return { ...base, verdict: Verdict.OLE, message: `output limit exceeded (${limits.outputLimitKb} KiB)` };
    }
    if (failedRun && outOfMemory) return mle;
    if (r.memoryKb !== null && r.memoryKb > limits.memoryLimitKb) return mle;
    if (r.execError) return { ...base, verdict: Verdict.RE, message: `cannot execute the program: ${r.execError}` };
    if (failedRun) return { ...base, verdict: Verdict.RE, message: r.signal ? `killed by ${r.signal}` : `exit code ${r.exitCode}` };
    if (t.answerFile === null) return { ...base, verdict: Verdict.AC, message: 'ran without error (no expected output given)' };

    const checker = problem?.checker ?? { type: 'tokens' as const };
    if (checker.type === 'custom') {
      const prepared = await this.customCheckers.prepare(`${problem!.id}-${problem!.version}`, checker);
      const c = await this.customCheckers.check(checker, prepared, work, t.inputFile, t.answerFile, r.stdout);
      const verdict = c.outcome === 'accepted' ? Verdict.AC : c.outcome === 'wrong' ? Verdict.WA : Verdict.IE;
      if (verdict === Verdict.IE) this.logger.error(`problem ${problem!.id}: checker failed on test ${t.index}: ${c.message}`);
      const partial = c.points !== undefined && t.points !== null ? { points: Math.max(0, Math.min(t.points, c.points)) } : {};
      return { ...base, ...partial, verdict, message: t.sample || verdict === Verdict.IE ? c.message : verdict === Verdict.AC ? 'ok' : 'wrong answer' };
    }
    const result = check(checker as CheckerSpec, readFileSync(t.answerFile), r.stdout);
    return { ...base, verdict: result.accepted ? Verdict.AC : Verdict.WA, message: t.sample || result.accepted ? result.message : 'wrong answer' };
  }
}

/** Sandbox limits of a test run from the submission's limits. */
export function runLimits(l: Limits): RunLimits {
  return {
    cpuMs: l.timeLimitMs, wallMs: l.wallTimeLimitMs, memoryKb: l.memoryLimitKb, outputKb: l.outputLimitKb,
    processes: l.processLimit, fileSizeKb: Math.max(l.outputLimitKb, 64 * 1024),
  };
}

/**
 * Score in points: with groups, the sum of the points of groups whose every test passed; else,
 * with per-test points, the sum over passed tests (plus partial points a checker gave); else 100
 * when every test passed, 0 otherwise.
 */
export function score(plan: { group: string | null; points: number | null }[], results: TestResultView[], groups: { name: string; points: number }[]): number {
  const passed = (i: number) => results[i]?.verdict === Verdict.AC;
  if (groups.length > 0) {
    return groups.reduce((sum, g) => {
      const members = plan.map((t, i) => (t.group === g.name ? i : -1)).filter((i) => i >= 0);
      return members.length > 0 && members.every(passed) ? sum + g.points : sum;
    }, 0);
  }
  if (plan.some((t) => t.points !== null)) return plan.reduce((sum, t, i) => sum + (passed(i) ? t.points ?? 0 : results[i]?.points ?? 0), 0);
  return plan.every((_, i) => passed(i)) ? 100 : 0;
}
