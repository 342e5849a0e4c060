import { AppConfig } from '@app/config';
import { SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';
import { strictMock } from '../../../../test/support/strict-mock';
import { SubmissionRecoveryService } from './submission-recovery.service';

describe('SubmissionRecoveryService.sweep', () => {
  it('queues stale submissions again with the fair-queueing priority: the owner\'s unfinished count up to each one', async () => {
    const t1 = new Date(1000);
    const t2 = new Date(2000);
    const submissions = strictMock<SubmissionsRepository>('SubmissionsRepository', {
      findStale: async () => [{ id: 's1', ownerId: 'user:a', createdAt: t1 }, { id: 's2', ownerId: 'user:a', createdAt: t2 }, { id: 's3', ownerId: null, createdAt: t2 }],
      countUnfinished: async (_owner: string, { upTo }: { upTo?: Date }) => (upTo === t1 ? 1 : 2),
    });
    const queue = strictMock<SubmissionQueue>('SubmissionQueue', { enqueue: async () => undefined });
    const sut = new SubmissionRecoveryService(submissions, queue, strictMock<AppConfig>('AppConfig', { maxQueuedPerUser: 50 }));
    await expect(sut.sweep(5000)).resolves.toBe(3);
    expect(queue.enqueue.mock.calls).toEqual([['s1', 1], ['s2', 2], ['s3', 1]]);
    expect(submissions.countUnfinished.mock.calls).toEqual([['user:a', { upTo: t1, atMost: 1000 }], ['user:a', { upTo: t2, atMost: 1000 }]]);
  });
});
