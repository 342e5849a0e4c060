import { resolveLimits, Verdict } from '@app/contracts';
import { RunResult } from '../sandbox/sandbox.types';
import {
  checkerRuling, compileFailureReason, customCheckerRuling, interactiveRuling, runLimits, runRuling, submissionVerdict,
} from './verdict-rules';

const limits = resolveLimits({ timeLimitMs: 1000, memoryLimitKb: 65536, outputLimitKb: 1024 });
const run = (r: Partial<RunResult>): RunResult => ({
  outcome: 'exited', exitCode: 0, signal: null, cpuMs: 10, wallMs: 12, memoryKb: 1000, memoryLimitHit: false,
  stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputLimitStream: null, ...r,
});

describe('runRuling', () => {
  it.each<[string, Partial<RunResult>, RegExp | undefined, Verdict | null, RegExp | null]>([
    ['clean exit: for the checker', {}, undefined, null, null],
    ['CPU time limit', { outcome: 'time-limit', signal: 'SIGKILL', exitCode: null }, undefined, Verdict.TLE, /CPU time limit exceeded \(1000 ms\)/],
    ['wall time limit', { outcome: 'wall-time-limit' }, undefined, Verdict.TLE, /wall time limit exceeded \(2000 ms\): the program was waiting/],
    ['cgroup OOM kill', { outcome: 'memory-limit' }, undefined, Verdict.MLE, /memory limit exceeded \(65536 KiB\)/],
    ['output limit', { outcome: 'output-limit' }, undefined, Verdict.OLE, /output limit exceeded \(1024 KiB\)/],
    ['failed allocation shows as a crash', { outcome: 'signaled', signal: 'SIGSEGV', exitCode: null, memoryLimitHit: true }, undefined, Verdict.MLE, /memory limit/],
    ['out-of-memory text of the language on a failed run', { exitCode: 1, stderr: Buffer.from('java.lang.OutOfMemoryError: Java heap space') }, /OutOfMemoryError/, Verdict.MLE, /memory limit/],
    ['out-of-memory text on a clean run is not MLE', { stderr: Buffer.from('MemoryError') }, /MemoryError/, null, null],
    ['peak over the limit', { memoryKb: 70000 }, undefined, Verdict.MLE, /memory limit/],
    ['cannot execute', { exitCode: 127, execError: 'Exec format error' }, undefined, Verdict.RE, /cannot execute the program: Exec format error/],
    ['signal', { outcome: 'signaled', signal: 'SIGFPE', exitCode: null }, undefined, Verdict.RE, /^killed by SIGFPE$/],
    ['non-zero exit', { exitCode: 3 }, undefined, Verdict.RE, /^exit code 3$/],
  ])('%s', (_name, r, oom, verdict, message) => {
    const ruling = runRuling(run(r), limits, oom);
    if (verdict === null) return expect(ruling).toBeNull();
    expect(ruling?.verdict).toBe(verdict);
    expect(ruling?.message).toMatch(message!);
  });
});

describe('checkerRuling', () => {
  it.each([
    [true, true, Verdict.AC, 'ok'],
    [true, false, Verdict.AC, 'ok'],
    [false, true, Verdict.WA, 'line 1: expected "2", got "3"'],
    [false, false, Verdict.WA, 'wrong answer'],
  ])('accepted %s, sample %s → %s "%s"', (accepted, sample, verdict, message) => {
    expect(checkerRuling({ accepted, message: accepted ? 'ok' : 'line 1: expected "2", got "3"' }, sample)).toEqual({ verdict, message });
  });
});

describe('customCheckerRuling', () => {
  it.each([
    ['accepted, hidden', { outcome: 'accepted', message: 'fine' }, { sample: false, points: null }, { verdict: Verdict.AC, message: 'ok' }],
    ['accepted, sample', { outcome: 'accepted', message: 'fine' }, { sample: true, points: null }, { verdict: Verdict.AC, message: 'fine' }],
    ['wrong, hidden', { outcome: 'wrong', message: 'no' }, { sample: false, points: null }, { verdict: Verdict.WA, message: 'wrong answer' }],
    ['checker failed: IE with its message', { outcome: 'internal', message: 'exit 3' }, { sample: false, points: null }, { verdict: Verdict.IE, message: 'exit 3' }],
    ['partial points capped to the test', { outcome: 'wrong', message: '12', points: 12 }, { sample: false, points: 10 }, { verdict: Verdict.WA, message: 'wrong answer', points: 10 }],
    ['negative partial points are 0', { outcome: 'wrong', message: '-1', points: -1 }, { sample: false, points: 10 }, { verdict: Verdict.WA, message: 'wrong answer', points: 0 }],
    ['partial points without test points are dropped', { outcome: 'wrong', message: '5', points: 5 }, { sample: false, points: null }, { verdict: Verdict.WA, message: 'wrong answer' }],
  ] as const)('%s', (_name, c, test, expected) => {
    expect(customCheckerRuling(c as never, test)).toEqual(expected);
  });
});

describe('compileFailureReason', () => {
  const compileLimits = { cpuMs: 15000, wallMs: 30000, memoryKb: 1048576, outputKb: 1024, processes: 64, fileSizeKb: 262144 };
  it.each<[Partial<RunResult>, string]>([
    [{ outcome: 'time-limit' }, 'compilation exceeded its CPU time limit (15000 ms)'],
    [{ outcome: 'wall-time-limit' }, 'compilation exceeded its wall time limit (30000 ms)'],
    [{ outcome: 'memory-limit' }, 'compilation exceeded its memory limit (1048576 KiB)'],
    [{ outcome: 'output-limit' }, 'compilation produced more than 1024 KiB of output or too large a file'],
    [{ outcome: 'signaled', signal: 'SIGSEGV' }, 'the compiler was killed by SIGSEGV'],
    [{ outcome: 'exited', exitCode: 1 }, 'the compiler exited with code 1'],
  ])('%j', (r, reason) => {
    expect(compileFailureReason(run(r), compileLimits)).toBe(reason);
  });
});

describe('submissionVerdict', () => {
  it.each([
    [[], Verdict.AC],
    [[Verdict.AC, Verdict.AC], Verdict.AC],
    [[Verdict.AC, Verdict.TLE, Verdict.WA], Verdict.TLE],
    [[Verdict.WA, null, null], Verdict.WA],
    [[Verdict.AC, null, Verdict.RE], Verdict.RE],
  ])('%j → %s', (verdicts, expected) => {
    expect(submissionVerdict(verdicts.map((verdict) => ({ verdict })))).toBe(expected);
  });
});

describe('runLimits', () => {
  it('maps the API limits onto the sandbox, files at least 64 MiB', () => {
    expect(runLimits({ timeLimitMs: 1000, wallTimeLimitMs: 2000, memoryLimitKb: 262144, outputLimitKb: 1024, processLimit: 64 })).toEqual({
      cpuMs: 1000, wallMs: 2000, memoryKb: 262144, outputKb: 1024, processes: 64, fileSizeKb: 65536,
    });
  });
});

describe('interactiveRuling (DOMjudge precedence)', () => {
  const tle = runRuling(run({ outcome: 'wall-time-limit', signal: 'SIGKILL', exitCode: null }), limits);
  const re = runRuling(run({ exitCode: 1 }), limits);
  const pipe = runRuling(run({ outcome: 'signaled', signal: 'SIGPIPE', exitCode: null }), limits);
  const ok = { outcome: 'accepted' as const, message: 'guessed in 7 queries' };
  const wrong = { outcome: 'wrong' as const, message: 'too many queries' };
  const crash = { outcome: 'internal' as const, message: 'the validator failed: signaled (SIGSEGV)' };
  const sample = { sample: true, points: null };
  it.each<[string, ReturnType<typeof runRuling>, typeof ok | typeof wrong | typeof crash, boolean, Verdict, string]>([
    ['clean run, validator accepts', null, ok, false, Verdict.AC, 'guessed in 7 queries'],
    ['clean run, validator accepts first', null, ok, true, Verdict.AC, 'guessed in 7 queries'],
    ['clean run, validator says wrong', null, wrong, false, Verdict.WA, 'too many queries'],
    ['validator says wrong first: beats the submission\'s TLE', tle, wrong, true, Verdict.WA, 'too many queries'],
    ['validator says wrong first: beats the submission\'s RE (SIGPIPE)', pipe, wrong, true, Verdict.WA, 'too many queries'],
    ['submission TLE first (forgot to flush), validator then says wrong', tle, wrong, false, Verdict.TLE, tle!.message],
    ['submission RE first, validator then says wrong', re, wrong, false, Verdict.RE, 'exit code 1'],
    ['RE after a correct interaction is RE', re, ok, true, Verdict.RE, 'exit code 1'],
    ['RE after a correct interaction, submission ending first', re, ok, false, Verdict.RE, 'exit code 1'],
    ['validator crashes first: IE, whatever the submission did', pipe, crash, true, Verdict.IE, crash.message],
    ['validator crashes after a clean run: IE', null, crash, false, Verdict.IE, crash.message],
    ['validator times out after the submission\'s TLE: TLE', tle, crash, false, Verdict.TLE, tle!.message],
  ])('%s', (_name, submission, validator, validatorFirst, verdict, message) => {
    expect(interactiveRuling(submission, validator, validatorFirst, sample)).toEqual({ verdict, message });
  });

  it('hides the validator\'s words on hidden tests, not for IE', () => {
    expect(interactiveRuling(null, wrong, true, { sample: false, points: null })).toEqual({ verdict: Verdict.WA, message: 'wrong answer' });
    expect(interactiveRuling(null, ok, false, { sample: false, points: null })).toEqual({ verdict: Verdict.AC, message: 'ok' });
    expect(interactiveRuling(null, crash, false, { sample: false, points: null }).message).toBe(crash.message);
  });
});
