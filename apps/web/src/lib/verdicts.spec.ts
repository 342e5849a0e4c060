import type { SubmissionView } from '@app/contracts/submission.dto';
import { compileErrorLines, statusLine, verdictName } from './verdicts';

type S = Pick<SubmissionView, 'status' | 'verdict' | 'tests' | 'testCount' | 'score'>;
const s = (x: Partial<S>): S => ({ status: 'queued' as S['status'], verdict: null, tests: [], testCount: 0, score: null, ...x });
const test = (index: number, verdict: string | null) => ({ index, verdict, timeMs: 1, wallTimeMs: 1, memoryKb: 1, exitCode: 0, signal: null }) as SubmissionView['tests'][number];

describe('verdicts', () => {
  it.each([
    ['AC', 'Accepted'], ['WA', 'Wrong Answer'], ['TLE', 'Time Limit Exceeded'], ['MLE', 'Memory Limit Exceeded'],
    ['OLE', 'Output Limit Exceeded'], ['RE', 'Runtime Error'], ['CE', 'Compilation Error'], ['IE', 'Internal Error'],
  ])('%s is %s', (code, name) => expect(verdictName(code)).toBe(name));

  it('says where a submission is', () => {
    expect(statusLine(s({}))).toBe('Queued');
    expect(statusLine(s({ status: 'compiling' as S['status'] }))).toBe('Compiling');
    expect(statusLine(s({ status: 'running' as S['status'], testCount: 4, tests: [test(1, 'AC'), test(2, 'AC'), test(3, null)] }))).toBe('Running test 3 of 4');
    expect(statusLine(s({ status: 'finished' as S['status'], verdict: 'WA' as S['verdict'], score: 0 }))).toBe('Wrong Answer');
    expect(statusLine(s({ status: 'finished' as S['status'], verdict: 'WA' as S['verdict'], score: 40 }))).toBe('Wrong Answer (score 40)');
  });

  it('finds the line numbers compilers name', () => {
    const lines = compileErrorLines([
      'main.cpp:3:5: error: expected \';\' before \'}\' token',
      'Main.java:7: error: cannot find symbol',
      '  --> main.rs:12:9',
      '  File "main.py", line 4',
      'collect2: error',
    ].join('\n'));
    expect(lines.map((l) => l.line)).toEqual([3, 7, 12, 4, null]);
  });
});
