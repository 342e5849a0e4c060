import { Injectable, Logger } from '@nestjs/common';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Limits, resolveLimits, SubmissionStatus, TestResultView, Verdict } from '@app/contracts';
import { ProblemEntity } from '@app/persistence';
import { TestDataCache } from './cache/test-data.cache';
import { check, CheckerSpec } from './checkers';
import { CustomCheckers } from './checkers/custom-checker';
import { Interaction, InteractiveRunner } from './checkers/interactive';
import { Compiler, entryText, Program } from './compile/compiler';
import { ProgramFilesError } from './compile/program-files';
import { checkResult, NoHarnessError, programInput, programSource, ProgramSource } from './harness/harness.step';
import { CpuSlots, SlotRank } from './judging/cpu-slots';
import { finalScore, score } from './judging/scoring';
import { shownText } from './judging/shown-output';
import { JudgingChange, Submission, SubmissionRecorder } from './judging/submission-recorder';
import {
  checkerRuling, customCheckerRuling, interactiveRuling, NO_ANSWER_RULING, Ruling, runLimits, runRuling, submissionVerdict,
} from './judging/verdict-rules';
import { WorkFolders } from './judging/work-folders';
import { Language, LanguageRegistry, limitsFor, PROGRAM_DIR, withRunOptions } from './languages/language.registry';
import { SandboxService } from './sandbox/sandbox.service';
import { RunResult } from './sandbox/sandbox.types';

/** One test as the pipeline runs it: its data as host files. */
export interface TestPlan {
  index: number;
  inputFile: string;
  /** null: ad-hoc run without an expected output (any clean exit is accepted). */
  answerFile: string | null;
  sample: boolean;
  points: number | null;
  group: string | null;
}

/** What judging a submission needs before anything runs. */
interface Job {
  submission: Submission;
  problem: ProblemEntity | null;
  tests: TestPlan[];
  limits: Limits;
  work: string;
  /** What is compiled and run: the source itself, or a function problem's harness around it. */
  source: ProgramSource;
}

/** Where the test runs ended (with the last state recorded): with their results, or at a syntax error the first run showed. */
type RunOutcome = { current: Submission } & ({ compileError: string } | { tests: TestResultView[]; timeMs: number | null; memoryKb: number | null });

/** How a submission ends: the arguments of `finish`. */
interface Ending {
  current: Submission;
  verdict: Verdict;
  change: JudgingChange;
  message: string | null;
}

/** What one test ended with: its result, or a syntax error the first run showed. */
type TestOutcome = { compileError: string } | { result: TestResultView };

/**
 * The judging pipeline, a short sequence of named steps over immutable states:
 * `load` → `plan` → `start` (compiling) → `compile` → `running` → `runTests` → `finish`.
 * Each state change goes through `SubmissionRecorder.record` (save, then publish); verdict rules
 * and scoring are pure functions (judging/verdict-rules.ts, judging/scoring.ts). From
 * `compiling` to the last test a submission holds a CPU slot (judging/cpu-slots.ts); its reading,
 * planning and final recording do not.
 */
@Injectable()
export class JudgeService {
  private readonly logger = new Logger(JudgeService.name);
  readonly judgeId = `judge-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  /** Submissions being judged right now, for `judge.status`. */
  running = 0;
  /** Submissions started so far: the second part of each one's rank for a CPU slot. */
  private started = 0;

  constructor(
    private readonly recorder: SubmissionRecorder,
    private readonly folders: WorkFolders,
    private readonly languages: LanguageRegistry,
    private readonly testData: TestDataCache,
    private readonly compiler: Compiler,
    private readonly sandbox: SandboxService,
    private readonly customCheckers: CustomCheckers,
    private readonly interactive: InteractiveRunner,
    private readonly cpu: CpuSlots,
  ) {}

  /**
   * Marks a submission IE (internal error) with `message` (shown after any compiler output),
   * unless it already finished.
   * @throws SupersededWriteError when another writer got there first.
   */
  async failInternally(submissionId: string, message: string): Promise<void> {
    const s = await this.recorder.find(submissionId);
    if (!s || s.status === SubmissionStatus.Finished) return;
    this.logger.error(`submission ${submissionId}: IE: ${message}`);
    await this.recorder.record(s, {
      status: SubmissionStatus.Finished, verdict: Verdict.IE, score: 0, tests: s.tests.map((t) => (t.verdict ? t : { ...t, skipped: true })),
      compileOutput: [s.compileOutput, message].filter(Boolean).join('\n'),
    });
  }

  /**
   * Judges one submission to a final verdict. Safe to call again after a crash: it starts over.
   * `priority`: its job's queue priority (1 first), which also orders it for a CPU slot.
   * @throws SlotsClosedError when the judge began to shut down before the submission got its CPU
   * slot: nothing of it ran or was recorded, and its job goes back to the queue.
   * @throws when the database, Redis or the sandbox fail (the queue retries, then `failInternally`).
   */
  async judge(submissionId: string, priority = 1): Promise<void> {
    const s = await this.recorder.find(submissionId);
    if (!s) return;
    // Finished already: a job run again after its final state was saved (its publish, or the
    // queueing of its result callback, failed); the callback may still have to be queued.
    if (s.status === SubmissionStatus.Finished) return this.recorder.queueCallback(s);
    this.running++;
    const work = this.folders.create();
    try {
      await this.pipeline(s, work, [priority, this.started++]);
    } finally {
      this.running--;
      await this.folders.remove(work);
    }
  }

  /** `rank`: its place in line for a CPU slot (queue priority, then start order). */
  private async pipeline(s: Submission, work: string, rank: SlotRank): Promise<void> {
    const planned = await this.plan(s, work);
    if ('missing' in planned) return this.finish(s, Verdict.IE, {}, planned.missing);
    // One CPU slot from `compiling` to the last test, held across the recordings between them: a
    // submission shows `compiling` only once it has its slot, and once started it is not
    // overtaken between its steps. Its final recording is made after the slot is freed.
    const end = await this.cpu.use(rank, () => this.compileAndRun(planned));
    await this.finish(end.current, end.verdict, end.change, end.message);
  }

  /** `start` → `compile` → `running` → `runTests`: how the submission ends, for `finish`. */
  private async compileAndRun(planned: Omit<Job, 'source'>): Promise<Ending> {
    const s = planned.submission;
    let current = await this.start(planned);
    const registered = this.languages.get(s.language);
    // Ad-hoc run options (compiler options, arguments, stderr into stdout) shape the commands.
    const found = registered && withRunOptions(registered, s.runOptions);
    if (!found) return { current, verdict: Verdict.IE, change: {}, message: `no toolchain for ${s.language} on this judge` };
    // Function problems (harness/): the program is the language's driver plus the user's code.
    let source: ProgramSource;
    try {
      source = programSource(found, planned.problem ?? undefined, s);
    } catch (e) {
      if (!(e instanceof NoHarnessError || e instanceof ProgramFilesError)) throw e;
      return { current, verdict: Verdict.CE, change: { tests: skipAll(current.tests) }, message: e.message };
    }
    const { language } = source;
    // The language's time multiplier applies to every run (and shows in the TLE message).
    const job: Job = { ...planned, source, limits: limitsFor(language, planned.limits) };

    const program = await this.compiler.compile(language, source, planned.work);
    if (!program.ok) return { current, verdict: Verdict.CE, change: { compileOutput: program.output, tests: skipAll(current.tests) }, message: null };
    current = await this.recorder.record(current, { status: SubmissionStatus.Running, compileOutput: program.output });

    const ran = await this.runTests(job, language, program, current);
    if ('compileError' in ran) return { current: ran.current, verdict: Verdict.CE, change: { compileOutput: ran.compileError, tests: skipAll(ran.current.tests) }, message: null };
    return {
      current: ran.current, verdict: submissionVerdict(ran.tests), message: null,
      change: { tests: ran.tests, timeMs: ran.timeMs, memoryKb: ran.memoryKb, score: score(job.tests, ran.tests, job.problem?.groups ?? []) },
    };
  }

  /** The tests (the problem's, or the ad-hoc run's one) and the limits; `missing` when the problem is gone. */
  private async plan(s: Submission, work: string): Promise<Omit<Job, 'source'> | { missing: string }> {
    if (s.problemId) {
      const cached = await this.testData.get(s.problemId);
      if (!cached) return { missing: `problem ${s.problemId} no longer exists` };
      const p = cached.problem;
      return {
        submission: s, problem: p, tests: cached.tests, work,
        limits: resolveLimits({ timeLimitMs: p.timeLimitMs, memoryLimitKb: p.memoryLimitKb, outputLimitKb: p.outputLimitKb, ...s.limits }),
      };
    }
    writeFileSync(join(work, 'stdin'), s.stdin ?? '');
    if (s.expectedOutput !== null) writeFileSync(join(work, 'expected'), s.expectedOutput);
    // `numberOfRuns`: the same input run that many times, each a test of its own (one compile).
    const runs = Math.max(1, s.runOptions?.numberOfRuns ?? 1);
    const tests = Array.from({ length: runs }, (_, i): TestPlan => ({
      index: i + 1, inputFile: join(work, 'stdin'), answerFile: s.expectedOutput === null ? null : join(work, 'expected'), sample: true, points: null, group: null,
    }));
    return { submission: s, problem: null, tests, limits: resolveLimits({ ...s.limits }), work };
  }

  /** `compiling`, every earlier result cleared, one empty row per test. */
  private start(job: Omit<Job, 'source'>): Promise<Submission> {
    return this.recorder.record(job.submission, {
      judgeId: this.judgeId, status: SubmissionStatus.Compiling, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null,
      testCount: job.tests.length,
      tests: job.tests.map((t) => ({
        index: t.index, verdict: null, sample: t.sample, group: t.group, timeMs: null, wallTimeMs: null, memoryKb: null, exitCode: null, signal: null,
      })),
    });
  }

  /**
   * Runs the tests in order, each in a fresh box, recording each result but the last (which
   * `finish` records); after a failure the rest are skipped unless the problem runs them all.
   */
  private async runTests(job: Job, language: Language, program: Program, current: Submission): Promise<RunOutcome> {
    const stopOnFailure = job.problem ? job.problem.stopOnFailure : true;
    let tests = current.tests;
    let timeMs: number | null = null;
    let memoryKb: number | null = null;
    for (const [i, t] of job.tests.entries()) {
      if (stopOnFailure && tests.some((x) => x.verdict !== null && x.verdict !== Verdict.AC)) {
        tests = tests.map((x, j) => (j === i ? { ...x, skipped: true } : x));
        continue;
      }
      const outcome = await this.runTest(job, language, program, t, i === 0);
      if ('compileError' in outcome) return { current, compileError: outcome.compileError };
      const { result } = outcome;
      tests = tests.map((x, j) => (j === i ? result : x));
      timeMs = Math.max(timeMs ?? 0, result.timeMs ?? 0);
      memoryKb = Math.max(memoryKb ?? 0, result.memoryKb ?? 0);
      // Skipped tests are only known at the end; intermediate frames show them as not yet run.
      if (i < job.tests.length - 1) current = await this.recorder.record(current, { tests, timeMs, memoryKb });
    }
    return { current, tests, timeMs, memoryKb };
  }

  /** Runs test `t` (and its interactor and checker) and rules on it; `first`: the first run, which may show a lazy language's syntax error. */
  private async runTest(job: Job, language: Language, program: Program, t: TestPlan, first: boolean): Promise<TestOutcome> {
    const argv = language.run(program.file, job.limits.memoryLimitKb, entryText(job.source));
    const spec = {
      argv, mounts: [...language.mounts, { source: program.dir, target: PROGRAM_DIR }], env: language.env,
      limits: runLimits(job.limits, job.submission.runOptions?.stackLimitKb),
    };
    const interaction = job.problem?.checker?.type === 'interactive' && t.answerFile !== null ? await this.interact(job, t, spec) : null;
    const run = interaction?.run ?? await this.sandbox.run({ ...spec, stdinFile: programInput(job.source, t.inputFile), resultFd: !!job.source.harness });
    if (run.execError && !argv[0].startsWith(`${PROGRAM_DIR}/`)) throw new Error(`cannot run the ${language.id} toolchain: ${run.execError}`);
    if (first && language.lazyCompileCheck && (await this.compiler.isLazyCompileError(language, program, run))) return { compileError: shownText(run.stderr).trim() };
    const ran = runRuling(run, job.limits, language.outOfMemory);
    const ruling = interaction ? this.interactionRuling(job, t, ran, interaction) : ran ?? (await this.checkOutput(job, t, run));
    return { result: testResult(t, run, ruling) };
  }

  /** Runs test `t` of an interactive problem: the submission (`spec`) against the problem's validator, over pipes. */
  private async interact(job: Job, t: TestPlan, spec: Parameters<InteractiveRunner['interact']>[5]): Promise<Interaction> {
    const problem = job.problem!;
    const prepared = await this.customCheckers.prepare(`${problem.id}-${problem.version}`, problem.checker!);
    if (prepared.error) {
      // No validator to talk to: the submission is not run (IE below, as for a custom checker that does not compile).
      const none: RunResult = {
        outcome: 'exited', exitCode: 0, signal: null, cpuMs: 0, wallMs: 0, memoryKb: null, memoryLimitHit: false,
        stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputLimitStream: null,
      };
      return { run: none, validator: { outcome: 'internal', message: prepared.error }, validatorFirst: true };
    }
    return this.interactive.interact(problem.checker!, prepared, job.work, t.inputFile, t.answerFile!, spec);
  }

  /** An interaction's verdict (DOMjudge's precedence, `interactiveRuling`); a validator failure is logged for the problem's author. */
  private interactionRuling(job: Job, t: TestPlan, submission: Ruling | null, interaction: Interaction): Ruling {
    const ruling = interactiveRuling(submission, interaction.validator, interaction.validatorFirst, t);
    if (ruling.verdict === Verdict.IE) this.logger.error(`problem ${job.problem!.id}: validator failed on test ${t.index}: ${interaction.validator.message}`);
    return ruling;
  }

  /** The checker's ruling on a clean run's output: built-in (`tokens`, `exact`) or a custom program. */
  private async checkOutput(job: Job, t: TestPlan, run: RunResult): Promise<Ruling> {
    if (t.answerFile === null) return NO_ANSWER_RULING;
    // Function problems: the driver's result (fd 3), not stdout, is compared with the expected JSON.
    if (job.source.harness) {
      const c = checkResult(job.source, t.answerFile, run.result);
      return { verdict: c.verdict, message: t.sample || c.verdict === Verdict.AC ? c.message : 'wrong answer' };
    }
    const problem = job.problem;
    const checker = problem?.checker ?? { type: job.submission.runOptions?.comparison ?? 'tokens' };
    if (checker.type !== 'custom') return checkerRuling(check(checker as CheckerSpec, readFileSync(t.answerFile), run.stdout), t.sample);
    const prepared = await this.customCheckers.prepare(`${problem!.id}-${problem!.version}`, checker);
    const c = await this.customCheckers.check(checker, prepared, job.work, t.inputFile, t.answerFile, run.stdout);
    const ruling = customCheckerRuling(c, t);
    if (ruling.verdict === Verdict.IE) this.logger.error(`problem ${problem!.id}: checker failed on test ${t.index}: ${c.message}`);
    return ruling;
  }

  /** `finished` with `verdict`; `message` (why it is IE) becomes the shown output when there is none. */
  private async finish(current: Submission, verdict: Verdict, change: JudgingChange, message: string | null): Promise<void> {
    const merged = { ...current, ...change };
    if (message) this.logger.warn(`submission ${current.id}: ${verdict}: ${message}`);
    await this.recorder.record(current, {
      ...change,
      status: SubmissionStatus.Finished,
      verdict,
      compileOutput: message ? merged.compileOutput ?? message : merged.compileOutput,
      score: finalScore(verdict, merged.score),
    });
  }
}

/** A test's result row: the run's figures, the ruling, and for sample tests what it printed. */
function testResult(t: TestPlan, r: RunResult, ruling: Ruling): TestResultView {
  return {
    index: t.index, verdict: ruling.verdict, sample: t.sample, group: t.group, timeMs: r.cpuMs, wallTimeMs: r.wallMs, memoryKb: r.memoryKb,
    exitCode: r.exitCode, signal: r.signal, message: ruling.message,
    ...(t.sample ? { stdout: shownText(r.stdout), stderr: shownText(r.stderr) } : {}),
    ...(ruling.points !== undefined ? { points: ruling.points } : {}),
  };
}

function skipAll(tests: readonly TestResultView[]): TestResultView[] {
  return tests.map((t) => ({ ...t, skipped: true }));
}
