import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubmissionStatus, Verdict } from '@app/contracts';
import { ProblemEntity, SubmissionEntity } from '@app/persistence';
import { automock } from '../../../test/support/automock';
import { TestDataCache } from './cache/test-data.cache';
import { CustomCheckers } from './checkers/custom-checker';
import { InteractiveRunner } from './checkers/interactive';
import { Compiler, Program } from './compile/compiler';
import { JudgeService } from './judge.service';
import { CpuSlots, SlotsClosedError } from './judging/cpu-slots';
import { JudgingChange, Submission, SubmissionRecorder } from './judging/submission-recorder';
import { WorkFolders } from './judging/work-folders';
import { Language, LanguageRegistry } from './languages/language.registry';
import { SandboxService } from './sandbox/sandbox.service';
import { RunResult } from './sandbox/sandbox.types';

const C: Language = {
  id: 'c', name: 'C', version: '12', mounts: [], env: {},
  sourceFile: () => 'main.c', compile: (f) => ['/usr/bin/gcc', f], run: () => ['/prog/main'],
};
const PY: Language = {
  id: 'python3', name: 'Python 3', version: '3.11', mounts: [], env: {},
  sourceFile: () => 'main.py', run: (f) => ['/usr/bin/python3', `/prog/${f}`],
  lazyCompileCheck: { looksLike: () => true, confirm: () => ['/usr/bin/python3', '-c', 'check'] },
};
const program = (over: Partial<Program> = {}): Program => ({ dir: '/cache/p', ok: true, output: null, file: 'main.c', ...over });
const run = (over: Partial<RunResult> = {}): RunResult => ({
  outcome: 'exited', exitCode: 0, signal: null, cpuMs: 5, wallMs: 7, memoryKb: 900, memoryLimitHit: false,
  stdout: Buffer.from('3\n'), stderr: Buffer.alloc(0), outputLimitStream: null, ...over,
});

function submission(over: Partial<SubmissionEntity> = {}): SubmissionEntity {
  return {
    id: 's1', problemId: 'sum', language: 'c', sourceCode: 'int main(){}', files: null, entryPoint: null, stdin: null, expectedOutput: null, limits: {}, runOptions: null, callback: null,
    status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null,
    testCount: 0, tests: [], revision: 0, judgeId: null, ownerId: null, createdAt: new Date(0), updatedAt: new Date(0), ...over,
  };
}

function newTestService(cpu = new CpuSlots(1)) {
  const mocks = {
    recorder: automock(SubmissionRecorder),
    folders: automock(WorkFolders),
    languages: automock(LanguageRegistry),
    testData: automock(TestDataCache),
    compiler: automock(Compiler),
    sandbox: automock(SandboxService),
    customCheckers: automock(CustomCheckers),
    interactive: automock(InteractiveRunner),
  };
  const sut = new JudgeService(mocks.recorder, mocks.folders, mocks.languages, mocks.testData, mocks.compiler, mocks.sandbox, mocks.customCheckers, mocks.interactive, cpu);
  return { sut, mocks };
}

describe(JudgeService.name, () => {
  let tmp: string;
  let work: string;
  let sut: JudgeService;
  let mocks: ReturnType<typeof newTestService>['mocks'];
  /** Every state recorded, in order. */
  let states: Submission[];

  /** A problem with tests whose answers are `answers` (files under tmp). */
  const problem = (answers: string[], over: Partial<ProblemEntity> = {}) => {
    const tests = answers.map((a, i) => {
      writeFileSync(join(tmp, `${i + 1}.in`), '1 2\n');
      writeFileSync(join(tmp, `${i + 1}.ans`), a);
      return { index: i + 1, inputFile: join(tmp, `${i + 1}.in`), answerFile: join(tmp, `${i + 1}.ans`), sample: i === 0, points: null as number | null, group: null };
    });
    const p = { id: 'sum', version: 'v1', timeLimitMs: 1000, memoryLimitKb: 65536, outputLimitKb: 1024, stopOnFailure: true, groups: [], checker: { type: 'tokens' }, ...over } as unknown as ProblemEntity;
    mocks.testData.get.mockResolvedValueOnce({ problem: p, tests });
    return tests;
  };

  beforeEach(() => {
    ({ sut, mocks } = newTestService());
    tmp = mkdtempSync(join(tmpdir(), 'judge-spec-'));
    work = join(tmp, 'work');
    states = [];
    mocks.recorder.record.mockImplementation(async (current: Submission, change: JudgingChange) => {
      // Every change must build on the state recorded last, or an older revision would win.
      if (states.length && current !== states[states.length - 1]) throw new Error(`recorded over a stale state (revision ${current.revision})`);
      const next = { ...current, ...change, revision: current.revision + 1 };
      states.push(next);
      return next;
    });
    mocks.folders.create.mockImplementation(() => {
      require('node:fs').mkdirSync(work);
      return work;
    });
    mocks.folders.remove.mockImplementation(async (dir: string) => rmSync(dir, { recursive: true, force: true }));
  });

  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const last = () => states[states.length - 1];

  it('judges every test, saving compiling → running → each test but the last → finished AC', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n', '3\n']);
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    mocks.sandbox.run.mockResolvedValueOnce(run({ cpuMs: 4, memoryKb: 800 })).mockResolvedValueOnce(run({ cpuMs: 9, memoryKb: 700 }));

    await sut.judge('s1');

    expect(states.map((s) => s.status)).toEqual(['compiling', 'running', 'running', 'finished']);
    // Each state is recorded over the one before it: revisions go up by one, never back.
    expect(states.map((s) => s.revision)).toEqual([1, 2, 3, 4]);
    expect(states[0]).toMatchObject({ judgeId: sut.judgeId, testCount: 2, verdict: null, score: null });
    expect(states[2].tests.map((t) => t.verdict)).toEqual([Verdict.AC, null]);
    expect(last()).toMatchObject({ verdict: Verdict.AC, score: 100, timeMs: 9, memoryKb: 800 });
    expect(last().tests[0]).toMatchObject({ verdict: Verdict.AC, message: 'ok', stdout: '3\n', stderr: '' });
    expect(last().tests[1]).not.toHaveProperty('stdout');
    expect(mocks.sandbox.run).toHaveBeenCalledWith(expect.objectContaining({
      argv: ['/prog/main'], stdinFile: join(tmp, '1.in'), mounts: [{ source: '/cache/p', target: '/prog' }],
      limits: { cpuMs: 1000, wallMs: 2000, memoryKb: 65536, outputKb: 1024, processes: 64, fileSizeKb: 65536 },
    }));
    expect(mocks.compiler.compile).toHaveBeenCalledWith(C, expect.objectContaining({ file: 'main.c', files: { 'main.c': 'int main(){}' }, harness: null }), work);
    expect(mocks.folders.remove).toHaveBeenCalledWith(work);
    expect(sut.running).toBe(0);
  });

  it('holds one CPU slot from `compiling` to the last test, and records the final state after freeing it', async () => {
    const cpu = new CpuSlots(1);
    ({ sut, mocks } = newTestService(cpu));
    const busyWhileRecording: number[] = [];
    mocks.recorder.record.mockImplementation(async (current: Submission, change: JudgingChange) => {
      busyWhileRecording.push(cpu.status.busy);
      const next = { ...current, ...change, revision: current.revision + 1 };
      states.push(next);
      return next;
    });
    mocks.folders.create.mockReturnValue(work);
    mocks.folders.remove.mockResolvedValue(undefined);
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n', '3\n']);
    mocks.languages.get.mockReturnValueOnce(C);
    const busyInSteps: number[] = [];
    mocks.compiler.compile.mockImplementationOnce(async () => { busyInSteps.push(cpu.status.busy); return program(); });
    mocks.sandbox.run.mockImplementation(async () => { busyInSteps.push(cpu.status.busy); return run(); });
    // Another submission holds the only slot: this one waits, still `queued` (nothing recorded).
    let release!: () => void;
    const other = cpu.use([0], () => new Promise<void>((r) => (release = r)));
    const judged = sut.judge('s1');
    await new Promise((r) => setTimeout(r, 20));
    expect(states).toEqual([]);
    expect(cpu.status.waiting).toBe(1);
    release();
    await Promise.all([other, judged]);
    expect(busyInSteps).toEqual([1, 1, 1]);
    expect(states.map((x) => x.status)).toEqual(['compiling', 'running', 'running', 'finished']);
    expect(busyWhileRecording).toEqual([1, 1, 1, 0]);
    expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.AC });
  });

  it('a submission still waiting for its CPU slot when the judge shuts down ends with SlotsClosedError, having recorded and run nothing', async () => {
    const cpu = new CpuSlots(1);
    ({ sut, mocks } = newTestService(cpu));
    mocks.folders.create.mockReturnValue(work);
    mocks.folders.remove.mockResolvedValue(undefined);
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n']);
    let release!: () => void;
    const other = cpu.use([0], () => new Promise<void>((r) => (release = r)));
    const judged = sut.judge('s1').catch((e) => e);
    await new Promise((r) => setTimeout(r, 20));
    cpu.close();
    expect(await judged).toBeInstanceOf(SlotsClosedError);
    expect(mocks.recorder.record).not.toHaveBeenCalled();
    expect(mocks.compiler.compile).not.toHaveBeenCalled();
    expect(mocks.folders.remove).toHaveBeenCalledWith(work);
    release();
    await other;
  });

  it('stops at the first failure: WA on a hidden test, the rest skipped', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n', '4\n', '3\n']);
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    mocks.sandbox.run.mockResolvedValueOnce(run()).mockResolvedValueOnce(run());

    await sut.judge('s1');

    expect(mocks.sandbox.run).toHaveBeenCalledTimes(2);
    expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.WA, score: 0 });
    expect(last().tests.map((t) => [t.verdict, t.skipped ?? false])).toEqual([[Verdict.AC, false], [Verdict.WA, false], [null, true]]);
    expect(last().tests[1].message).toBe('wrong answer');
  });

  it('runs every test when the problem asks; the first failure decides the verdict', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n', '4\n'], { stopOnFailure: false });
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    mocks.sandbox.run.mockResolvedValueOnce(run({ outcome: 'time-limit', exitCode: null, signal: 'SIGKILL' })).mockResolvedValueOnce(run());

    await sut.judge('s1');

    expect(last()).toMatchObject({ verdict: Verdict.TLE, score: 0 });
    expect(last().tests.map((t) => t.verdict)).toEqual([Verdict.TLE, Verdict.WA]);
  });

  it('CE: the compiler\'s words, every test skipped, nothing run', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n']);
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program({ ok: false, output: 'main.c:1: error\nthe compiler exited with code 1' }));

    await sut.judge('s1');

    expect(states.map((s) => s.status)).toEqual(['compiling', 'finished']);
    expect(last()).toMatchObject({ verdict: Verdict.CE, score: 0, compileOutput: 'main.c:1: error\nthe compiler exited with code 1' });
    expect(last().tests).toEqual([expect.objectContaining({ skipped: true, verdict: null })]);
  });

  it('CE from an interpreted program\'s first run when the syntax check confirms it', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission({ language: 'python3' }));
    problem(['3\n', '3\n']);
    mocks.languages.get.mockReturnValueOnce(PY);
    mocks.compiler.compile.mockResolvedValueOnce(program({ file: 'main.py' }));
    const failed = run({ exitCode: 1, stdout: Buffer.alloc(0), stderr: Buffer.from('  File "x", line 1\nSyntaxError: bad\n') });
    mocks.sandbox.run.mockResolvedValueOnce(failed);
    mocks.compiler.isLazyCompileError.mockResolvedValueOnce(true);

    await sut.judge('s1');

    expect(mocks.compiler.isLazyCompileError).toHaveBeenCalledWith(PY, program({ file: 'main.py' }), failed);
    expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.CE, score: 0, compileOutput: 'File "x", line 1\nSyntaxError: bad' });
    expect(last().tests.every((t) => t.skipped)).toBe(true);
  });

  it('custom checker: partial points on a test with points', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    const tests = problem(['3\n', '3\n'], { stopOnFailure: false, checker: { type: 'custom', language: 'cpp', source: 'x', protocol: 'testlib' } } as never);
    tests[0].points = 10;
    tests[1].points = 20;
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    mocks.sandbox.run.mockResolvedValueOnce(run()).mockResolvedValueOnce(run());
    const prepared = { dir: '/c', language: C, file: 'main.c', error: null };
    mocks.customCheckers.prepare.mockResolvedValue(prepared);
    mocks.customCheckers.check.mockResolvedValueOnce({ outcome: 'wrong', message: 'partial 4', points: 4 }).mockResolvedValueOnce({ outcome: 'accepted', message: 'fine' });

    await sut.judge('s1');

    expect(mocks.customCheckers.prepare).toHaveBeenCalledWith('sum-v1', expect.objectContaining({ type: 'custom' }));
    expect(mocks.customCheckers.check).toHaveBeenCalledWith(expect.objectContaining({ type: 'custom' }), prepared, work, join(tmp, '1.in'), join(tmp, '1.ans'), Buffer.from('3\n'));
    // 4 of test 1's 10 points plus test 2's 20; the sample shows the checker's words, the hidden test not.
    expect(last()).toMatchObject({ verdict: Verdict.WA, score: 24 });
    expect(last().tests[0]).toMatchObject({ verdict: Verdict.WA, message: 'partial 4', points: 4 });
    expect(last().tests[1]).toMatchObject({ verdict: Verdict.AC, message: 'ok' });
  });

  it('interactive: each test runs against the validator over pipes, never alone; the validator that ended first with WA beats the TLE', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n', '3\n'], { checker: { type: 'interactive', language: 'cpp', source: 'v' } } as never);
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    const prepared = { dir: '/v', language: C, file: 'main.c', error: null };
    mocks.customCheckers.prepare.mockResolvedValue(prepared);
    mocks.interactive.interact
      .mockResolvedValueOnce({ run: run({ stdout: Buffer.alloc(0) }), validator: { outcome: 'accepted', message: 'found it' }, validatorFirst: false })
      .mockResolvedValueOnce({ run: run({ outcome: 'wall-time-limit', exitCode: null, signal: 'SIGKILL' }), validator: { outcome: 'wrong', message: 'too many' }, validatorFirst: true });

    await sut.judge('s1');

    expect(mocks.interactive.interact).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'interactive' }), prepared, work, join(tmp, '1.in'), join(tmp, '1.ans'),
      expect.objectContaining({ argv: expect.any(Array), limits: expect.objectContaining({ cpuMs: 1000, wallMs: 2000 }) }),
    );
    expect(mocks.sandbox.run).not.toHaveBeenCalled();
    expect(last()).toMatchObject({ verdict: Verdict.WA });
    expect(last().tests.map((t) => [t.verdict, t.message])).toEqual([[Verdict.AC, 'found it'], [Verdict.WA, 'wrong answer']]);
  });

  it('interactive: a validator that does not compile is IE, the submission never started', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n'], { checker: { type: 'interactive', language: 'cpp', source: 'v' } } as never);
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    mocks.customCheckers.prepare.mockResolvedValue({ dir: '/v', language: C, file: '', error: 'the checker does not compile: oops' });

    await sut.judge('s1');

    expect(last()).toMatchObject({ verdict: Verdict.IE });
    expect(last().tests[0].message).toBe('the checker does not compile: oops');
  });

  it('an ad-hoc run without expected output is AC on a clean exit, its stdin from a file in the work folder', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission({ problemId: null, stdin: 'hello', limits: { timeLimitMs: 500 } }));
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockResolvedValueOnce(program());
    mocks.sandbox.run.mockImplementationOnce(async (spec) => {
      expect(require('node:fs').readFileSync(spec.stdinFile!, 'utf8')).toBe('hello');
      return run();
    });

    await sut.judge('s1');

    expect(mocks.sandbox.run).toHaveBeenCalledWith(expect.objectContaining({ limits: expect.objectContaining({ cpuMs: 500 }) }));
    expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.AC, score: 100 });
    expect(last().tests[0]).toMatchObject({ verdict: Verdict.AC, message: 'ran without error (no expected output given)', stdout: '3\n' });
  });

  it('ad-hoc run options: one compile with the compiler options, N runs with the arguments and stack limit, Judge0\'s line comparison', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission({
      problemId: null, stdin: 'x', expectedOutput: 'Hi', limits: { timeLimitMs: 500 },
      runOptions: { compilerOptions: ['-DX=1'], commandLineArguments: ['a'], numberOfRuns: 3, stackLimitKb: 8192, comparison: 'lines' },
    }));
    mocks.languages.get.mockReturnValueOnce(C);
    mocks.compiler.compile.mockImplementationOnce(async (language) => {
      expect(language.compile!('main.c')).toEqual([...C.compile!('main.c'), '-DX=1']);
      return program();
    });
    mocks.sandbox.run.mockResolvedValueOnce(run({ stdout: Buffer.from('Hi  \n'), cpuMs: 3 })).mockResolvedValueOnce(run({ stdout: Buffer.from('Hi'), cpuMs: 5 }))
      .mockResolvedValueOnce(run({ stdout: Buffer.from('hi\n'), cpuMs: 4 }));

    await sut.judge('s1');

    expect(mocks.compiler.compile).toHaveBeenCalledTimes(1);
    expect(mocks.sandbox.run).toHaveBeenCalledTimes(3);
    expect(mocks.sandbox.run).toHaveBeenCalledWith(expect.objectContaining({ argv: ['/prog/main', 'a'], limits: expect.objectContaining({ cpuMs: 500, stackKb: 8192 }) }));
    expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.WA, testCount: 3 });
    expect(last().tests.map((t) => t.verdict)).toEqual([Verdict.AC, Verdict.AC, Verdict.WA]);
  });

  it('IE when the problem is gone, without a compiling state', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    mocks.testData.get.mockResolvedValueOnce(null);

    await sut.judge('s1');

    expect(states).toHaveLength(1);
    expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.IE, score: 0, compileOutput: 'problem sum no longer exists' });
  });

  it('IE when this judge has no toolchain for the language', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission());
    problem(['3\n']);
    mocks.languages.get.mockReturnValueOnce(undefined);

    await sut.judge('s1');

    expect(states.map((s) => s.status)).toEqual(['compiling', 'finished']);
    expect(last()).toMatchObject({ verdict: Verdict.IE, compileOutput: 'no toolchain for c on this judge' });
  });

  it('a toolchain that cannot be executed throws (the queue retries), and the work folder is removed', async () => {
    mocks.recorder.find.mockResolvedValueOnce(submission({ language: 'python3' }));
    problem(['3\n']);
    mocks.languages.get.mockReturnValueOnce(PY);
    mocks.compiler.compile.mockResolvedValueOnce(program({ file: 'main.py' }));
    mocks.sandbox.run.mockResolvedValueOnce(run({ exitCode: 127, execError: 'No such file or directory' }));
    mocks.compiler.isLazyCompileError.mockResolvedValueOnce(false);

    await expect(sut.judge('s1')).rejects.toThrow('cannot run the python3 toolchain: No such file or directory');
    expect(mocks.folders.remove).toHaveBeenCalledWith(work);
    expect(sut.running).toBe(0);
  });

  it('records and runs nothing for a finished or unknown submission; a finished one has its result callback queued (a job run again after its final save)', async () => {
    const finished = submission({ status: SubmissionStatus.Finished, callback: { url: 'https://example.org/cb', format: 'judge0', base64: false } });
    mocks.recorder.find.mockResolvedValueOnce(finished).mockResolvedValueOnce(null);
    mocks.recorder.queueCallback.mockResolvedValue(undefined);
    await sut.judge('s1');
    await sut.judge('s2');
    expect(states).toEqual([]);
    expect(mocks.folders.create).not.toHaveBeenCalled();
    expect(mocks.recorder.queueCallback).toHaveBeenCalledTimes(1);
    expect(mocks.recorder.queueCallback).toHaveBeenCalledWith(finished);
  });

  describe('failInternally', () => {
    it('finishes as IE, tests not yet run marked skipped', async () => {
      const tests = [
        { index: 1, verdict: Verdict.AC, timeMs: 1, wallTimeMs: 1, memoryKb: 1, exitCode: 0, signal: null },
        { index: 2, verdict: null, timeMs: null, wallTimeMs: null, memoryKb: null, exitCode: null, signal: null },
      ];
      mocks.recorder.find.mockResolvedValueOnce(submission({ status: SubmissionStatus.Running, tests }));

      await sut.failInternally('s1', 'judging failed 3 times');

      expect(last()).toMatchObject({ status: 'finished', verdict: Verdict.IE, score: 0, compileOutput: 'judging failed 3 times' });
      expect(last().tests.map((t) => t.skipped ?? false)).toEqual([false, true]);
    });

    it('leaves a finished submission alone', async () => {
      mocks.recorder.find.mockResolvedValueOnce(submission({ status: SubmissionStatus.Finished }));
      await sut.failInternally('s1', 'late');
      expect(states).toEqual([]);
    });
  });
});
