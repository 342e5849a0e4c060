import { SubmissionStatus, TestResultView, Verdict } from '@app/contracts';
import { judge0Status, JUDGE0_STATUSES } from './judge0-statuses';

const test = (over: Partial<TestResultView>): TestResultView => ({
  index: 1, verdict: Verdict.RE, timeMs: 1, wallTimeMs: 1, memoryKb: 1, exitCode: null, signal: null, message: null, ...over,
});
const finished = (verdict: Verdict) => ({ status: SubmissionStatus.Finished, verdict });

describe('Judge0 statuses', () => {
  it('are ids 1-14 with Judge0 CE descriptions', () => {
    expect(JUDGE0_STATUSES.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(JUDGE0_STATUSES[10]).toEqual({ id: 11, description: 'Runtime Error (NZEC)' });
  });

  it.each([
    [{ status: SubmissionStatus.Queued, verdict: null }, undefined, 1],
    [{ status: SubmissionStatus.Compiling, verdict: null }, undefined, 2],
    [{ status: SubmissionStatus.Running, verdict: null }, undefined, 2],
    [finished(Verdict.AC), undefined, 3],
    [finished(Verdict.WA), undefined, 4],
    [finished(Verdict.TLE), test({ verdict: Verdict.TLE }), 5],
    [finished(Verdict.CE), undefined, 6],
    [finished(Verdict.RE), test({ signal: 'SIGSEGV' }), 7],
    [finished(Verdict.OLE), test({ verdict: Verdict.OLE }), 8],
    [finished(Verdict.RE), test({ signal: 'SIGXFSZ' }), 8],
    [finished(Verdict.RE), test({ signal: 'SIGFPE' }), 9],
    [finished(Verdict.RE), test({ signal: 'SIGABRT' }), 10],
    [finished(Verdict.RE), test({ exitCode: 3 }), 11],
    [finished(Verdict.RE), test({ signal: 'SIGKILL' }), 12],
    [finished(Verdict.MLE), test({ verdict: Verdict.MLE }), 12],
    [finished(Verdict.IE), undefined, 13],
    [finished(Verdict.RE), test({ exitCode: 127, message: 'cannot execute the program: Exec format error' }), 14],
  ])('%j with %j → %d', (s, decisive, id) => {
    expect(judge0Status(s, decisive).status.id).toBe(id);
  });

  it('says what ended the program, as Judge0 does', () => {
    expect(judge0Status(finished(Verdict.RE), test({ exitCode: 3 })).message).toBe('Exited with error status 3');
    expect(judge0Status(finished(Verdict.RE), test({ signal: 'SIGSEGV' })).message).toBe('Caught fatal signal 11');
    expect(judge0Status(finished(Verdict.MLE), test({ message: 'memory limit exceeded (2048 KiB)' })).message).toBe('Memory limit exceeded: memory limit exceeded (2048 KiB)');
  });
});
