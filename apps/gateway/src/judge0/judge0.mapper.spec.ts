import { SubmissionStatus, Verdict } from '@app/contracts';
import type { SubmissionEntity } from '@app/persistence';
import { ALL_FIELDS, DEFAULT_FIELDS, fromJudge0, parseFields, pickFields, toJudge0 } from './judge0.mapper';

const entity = (over: Partial<SubmissionEntity> = {}): SubmissionEntity => ({
  id: '6f1c0000-0000-4000-8000-000000000001', problemId: null, language: 'cpp', sourceCode: 'int main(){}', files: null, entryPoint: null, stdin: 'in', expectedOutput: null,
  limits: { timeLimitMs: 2500, wallTimeLimitMs: 10000, memoryLimitKb: 128000, outputLimitKb: 1024, processLimit: 60 },
  runOptions: { numberOfRuns: 2, comparison: 'lines', stackLimitKb: 64000 }, callback: null,
  status: SubmissionStatus.Finished, verdict: Verdict.AC, score: 100, timeMs: 12, memoryKb: 2000, compileOutput: null, testCount: 2,
  tests: [
    { index: 1, verdict: Verdict.AC, timeMs: 10, wallTimeMs: 20, memoryKb: 1500, exitCode: 0, signal: null, stdout: 'x\n', stderr: '' },
    { index: 2, verdict: Verdict.AC, timeMs: 13, wallTimeMs: 30, memoryKb: 2000, exitCode: 0, signal: null, stdout: 'y\n', stderr: '' },
  ],
  revision: 5, judgeId: 'j', ownerId: 'key:1', createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-01-01T00:00:01Z'), ...over,
});

describe('fromJudge0', () => {
  it('maps units (s → ms, KB → KiB), defaults and run options', () => {
    const m = fromJudge0({ source_code: 'print(1)', language_id: 71, cpu_time_limit: '1.5', memory_limit: 65536, max_file_size: 8, number_of_runs: 3, compiler_options: '-O0', command_line_arguments: 'a "b c"', redirect_stderr_to_stdout: true }, false);
    expect(m).toEqual({
      dto: { language: 'python3', sourceCode: 'print(1)', stdin: '', limits: { timeLimitMs: 1500, wallTimeLimitMs: 10000, memoryLimitKb: 65536, outputLimitKb: 8, processLimit: 60 } },
      runOptions: { comparison: 'lines', compilerOptions: ['-O0'], commandLineArguments: ['a', 'b c'], redirectStderrToStdout: true, numberOfRuns: 3, stackLimitKb: 64000 },
      callbackUrl: null, additionalFiles: null, multiFileProgram: false,
    });
  });

  it('language 89 needs additional_files, not source_code', () => {
    expect(fromJudge0({ language_id: 89 }, false)).toEqual({ errors: { additional_files: ["can't be blank"] } });
    expect(fromJudge0({ language_id: 89, additional_files: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' }, false)).toMatchObject({ multiFileProgram: true, additionalFiles: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' });
    expect(fromJudge0({ language_id: 71, source_code: 'x', additional_files: '%%' }, false)).toEqual({ errors: { additional_files: ['is not valid base64'] } });
  });

  it('decodes base64 text fields and takes archived ids', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const m = fromJudge0({ source_code: b64('int main(){}'), language_id: 52, stdin: b64('1 2'), expected_output: b64('3') }, true);
    expect(m).toMatchObject({ dto: { language: 'cpp', sourceCode: 'int main(){}', stdin: '1 2', expectedOutput: '3' } });
  });

  it('reports the type error of a field before its range, and each field once', () => {
    expect(fromJudge0({ memory_limit: 'lots', cpu_time_limit: 99 }, false)).toEqual({ errors: {
      source_code: ["can't be blank"], language_id: ["can't be blank"], memory_limit: ['is not a number'], cpu_time_limit: ['must be less than or equal to 15'],
    } });
    expect(fromJudge0({ source_code: 'a\u0000b', language_id: 71 }, false)).toEqual({ errors: { source_code: ['must not contain NUL characters'] } });
    expect(fromJudge0([], false)).toEqual({ errors: { submission: ['must be a JSON object'] } });
  });
});

describe('toJudge0', () => {
  it('shows our submission in Judge0 units: seconds as strings (mean of runs), KB (peak), limits back in seconds', () => {
    const j = toJudge0(entity(), (id) => `lang ${id}`);
    expect(j).toMatchObject({
      token: '6f1c0000-0000-4000-8000-000000000001', language_id: 54, language: { id: 54, name: 'lang 54' }, status: { id: 3, description: 'Accepted' }, status_id: 3,
      time: '0.012', wall_time: '0.025', memory: 2000, stdout: 'y\n', stderr: null, exit_code: 0, exit_signal: null, message: null,
      cpu_time_limit: 2.5, wall_time_limit: 10, memory_limit: 128000, number_of_runs: 2, stack_limit: 64000, finished_at: '2026-01-01T00:00:01.000Z',
    });
    expect(Object.keys(j)).toEqual([...ALL_FIELDS]);
  });

  it('shows an internal error\'s reason as the message, a queued one without results', () => {
    expect(toJudge0(entity({ verdict: Verdict.IE, compileOutput: 'no toolchain for cpp on this judge', tests: [] }), () => '')).toMatchObject({
      status: { id: 13 }, message: 'no toolchain for cpp on this judge', compile_output: null,
    });
    expect(toJudge0(entity({ status: SubmissionStatus.Queued, verdict: null, tests: [] }), () => '')).toMatchObject({ status: { id: 1 }, time: null, memory: null, finished_at: null });
  });
});

describe('fields', () => {
  it('default, *, a list, unknown names', () => {
    expect(parseFields(undefined)).toEqual(DEFAULT_FIELDS);
    expect(parseFields('*')).toEqual(ALL_FIELDS);
    expect(parseFields('stdout, token')).toEqual(['stdout', 'token']);
    expect(parseFields('stdout,bogus,x')).toEqual({ invalid: ['bogus', 'x'] });
  });

  it('base64 applies to text fields only', () => {
    expect(pickFields(toJudge0(entity(), () => ''), ['stdout', 'memory', 'token'], true)).toEqual({ stdout: 'eQo=', memory: 2000, token: '6f1c0000-0000-4000-8000-000000000001' });
  });
});
