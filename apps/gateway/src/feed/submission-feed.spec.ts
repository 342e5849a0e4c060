import { SubmissionStatus } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository } from '@app/persistence';
import { automock } from '../../../../test/support/automock';
import { SubmissionFeed } from './submission-feed';
import { SubmissionWatchers } from './submission-watchers';

const entity = (over: Partial<SubmissionEntity> = {}): SubmissionEntity => ({
  id: 's1', problemId: null, language: 'c', sourceCode: 'x', files: null, entryPoint: null, stdin: '', expectedOutput: null, limits: {}, runOptions: null, callback: null,
  status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null,
  testCount: 0, tests: [], revision: 1, judgeId: null, ownerId: null, createdAt: new Date(0), updatedAt: new Date(0), ...over,
});

function newTestService() {
  const watchers = new SubmissionWatchers();
  const mocks = { submissions: automock(SubmissionsRepository) };
  return { sut: new SubmissionFeed(watchers, mocks.submissions), watchers, mocks };
}

describe(SubmissionFeed.name, () => {
  it('watches before it reads: an update during the read reaches the listener', async () => {
    const { sut, watchers, mocks } = newTestService();
    const seen: number[] = [];
    mocks.submissions.findById.mockImplementationOnce(async () => {
      watchers.emit({ id: 's1', revision: 2 } as never);
      return entity();
    });
    const watch = await sut.open('s1', (v) => seen.push(v.revision));
    expect(seen).toEqual([2]);
    expect(watch.current).toMatchObject({ id: 's1', revision: 1 });
    watch.stop();
    watchers.emit({ id: 's1', revision: 3 } as never);
    expect(seen).toEqual([2]);
    expect(watchers.size).toBe(0);
  });

  it('stops the watch when there is no such submission', async () => {
    const { sut, watchers, mocks } = newTestService();
    mocks.submissions.findById.mockResolvedValueOnce(null);
    await expect(sut.open('nope', () => undefined)).resolves.toMatchObject({ current: null });
    expect(watchers.size).toBe(0);
  });

  it('stops the watch when the read fails, and throws', async () => {
    const { sut, watchers, mocks } = newTestService();
    mocks.submissions.findById.mockRejectedValueOnce(new Error('database gone'));
    await expect(sut.open('s1', () => undefined)).rejects.toThrow('database gone');
    expect(watchers.size).toBe(0);
  });

  it('a stop called twice does not end a newer watch of the same submission', () => {
    const { watchers } = newTestService();
    const stopOld = watchers.watch('s1', () => undefined);
    stopOld();
    const seen: number[] = [];
    watchers.watch('s1', (v) => seen.push(v.revision));
    stopOld();
    watchers.emit({ id: 's1', revision: 5 } as never);
    expect(seen).toEqual([5]);
  });
});
