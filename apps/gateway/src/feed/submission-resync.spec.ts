import { SubmissionStatus } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository } from '@app/persistence';
import { strictMock } from '../../../../test/support/strict-mock';
import { RESYNC_QUIET_MS, SubmissionResync } from './submission-resync';
import { SubmissionWatchers } from './submission-watchers';

const entity = (id: string, revision: number, status: SubmissionStatus): SubmissionEntity => ({
  id, problemId: null, language: 'c', sourceCode: 'x', files: null, entryPoint: null, stdin: '', expectedOutput: null, limits: {}, runOptions: null, callback: null,
  status, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null,
  testCount: 0, tests: [], revision, judgeId: null, ownerId: null, createdAt: new Date(0), updatedAt: new Date(0),
});

function setup(rows: SubmissionEntity[]) {
  let t = 1_000_000;
  const watchers = new SubmissionWatchers();
  watchers.now = () => t;
  const submissions = strictMock<SubmissionsRepository>('SubmissionsRepository', { findByIds: async (ids: string[]) => rows.filter((r) => ids.includes(r.id)) });
  return { sut: new SubmissionResync(watchers, submissions), watchers, submissions, advance: (ms: number) => (t += ms) };
}

describe(SubmissionResync.name, () => {
  it('reads again only watched submissions quiet for the interval, and hands them to their watchers', async () => {
    const { sut, watchers, submissions, advance } = setup([entity('a', 7, SubmissionStatus.Finished), entity('b', 3, SubmissionStatus.Running)]);
    const seen: string[] = [];
    watchers.watch('a', (v) => seen.push(`a${v.revision}${v.status}`));
    watchers.watch('b', (v) => seen.push(`b${v.revision}`));
    advance(RESYNC_QUIET_MS - 1);
    watchers.emit({ id: 'b', revision: 2 } as never); // b had news recently
    advance(1);
    expect(await sut.sweep()).toBe(1);
    expect(submissions.findByIds).toHaveBeenCalledWith(['a']);
    expect(seen).toEqual(['b2', 'a7finished']);
  });

  it('reads nothing when nothing is watched, and forgets stopped watches', async () => {
    const { sut, watchers, submissions, advance } = setup([]);
    watchers.watch('a', () => undefined)();
    advance(RESYNC_QUIET_MS * 2);
    expect(await sut.sweep()).toBe(0);
    expect(submissions.findByIds).not.toHaveBeenCalled();
  });
});
