import type { SubmissionView } from '@app/contracts/submission.dto';
import { isFinal, mergeByRevision } from './merge-frames';

const view = (revision: number, extra: Partial<SubmissionView> = {}): SubmissionView => ({
  id: 's1', problemId: 'aplusb', language: 'cpp', status: 'running' as SubmissionView['status'], verdict: null, score: null,
  timeMs: null, memoryKb: null, compileOutput: null, testCount: 3, tests: [], revision,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...extra,
});

describe('mergeByRevision', () => {
  it('takes the first state there is', () => {
    expect(mergeByRevision(undefined, view(1))).toEqual(view(1));
  });

  it('takes a newer revision', () => {
    const next = view(3, { status: 'finished' as SubmissionView['status'], verdict: 'AC' as SubmissionView['verdict'] });
    expect(mergeByRevision(view(2), next)).toBe(next);
  });

  it('keeps the shown state when a late frame or an old GET answer arrives', () => {
    const shown = view(5);
    expect(mergeByRevision(shown, view(4))).toBe(shown);
    expect(mergeByRevision(shown, view(5, { status: 'queued' as SubmissionView['status'] }))).toBe(shown);
  });

  it('ignores a state of another submission', () => {
    const shown = view(1);
    expect(mergeByRevision(shown, { ...view(9), id: 'other' })).toBe(shown);
  });

  it('folds frames arriving out of order into the newest', () => {
    const frames = [view(1), view(4), view(2), view(3)];
    expect(frames.reduce<SubmissionView | undefined>(mergeByRevision, undefined)!.revision).toBe(4);
  });

  it('knows a finished submission is final', () => {
    expect(isFinal(view(1))).toBe(false);
    expect(isFinal(view(2, { status: 'finished' as SubmissionView['status'] }))).toBe(true);
    expect(isFinal(undefined)).toBe(false);
  });
});
