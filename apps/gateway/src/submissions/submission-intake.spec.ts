import { HttpException } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Role } from '@app/contracts';
import { SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';
import { strictMock } from '../../../../test/support/strict-mock';
import { ADMIN_TOKEN_IDENTITY, Identity } from '../auth/identity';
import { INTAKE_BATCH, NewSubmission, SubmissionIntake } from './submission-intake';

const ada: Identity = { id: 'user:ada', kind: 'user', name: 'ada', role: Role.User };
const bob: Identity = { id: 'user:bob', kind: 'user', name: 'bob', role: Role.User };
const row = (id: string, owner: Identity | null): NewSubmission => ({ id, ownerId: owner?.id ?? null, status: 'queued', createdAt: new Date() } as NewSubmission);

function setup(members: { submissions?: object; queue?: object } = {}) {
  const submissions = strictMock<SubmissionsRepository>('SubmissionsRepository', members.submissions);
  const queue = strictMock<SubmissionQueue>('SubmissionQueue', members.queue);
  const sut = new SubmissionIntake(submissions, queue, strictMock<AppConfig>('AppConfig', { maxQueuedPerUser: 3 }));
  return { sut, submissions, queue };
}

describe(SubmissionIntake.name, () => {
  it('saves one event-loop turn of submissions in one call and queues them in one call, priority = the owner\'s unfinished count', async () => {
    const counts: Record<string, number> = { 'user:ada': 1, 'user:bob': 0 };
    const { sut, submissions, queue } = setup({
      submissions: { countUnfinished: async (o: string) => counts[o], insertMany: async () => undefined },
      queue: { enqueueFresh: async () => undefined },
    });
    await Promise.all([sut.admit(row('a1', ada), ada), sut.admit(row('b1', bob), bob), sut.admit(row('a2', ada), ada), sut.admit(row('n1', null), null)]);
    expect(submissions.countUnfinished.mock.calls).toEqual([['user:ada', { atMost: 1000 }], ['user:bob', { atMost: 1000 }]]);
    expect(submissions.insertMany.mock.calls.map(([rows]) => rows.map((r) => r.id))).toEqual([['a1', 'b1', 'a2', 'n1']]);
    expect(queue.enqueueFresh.mock.calls).toEqual([[[
      { submissionId: 'a1', priority: 2 }, { submissionId: 'b1', priority: 1 }, { submissionId: 'a2', priority: 3 }, { submissionId: 'n1', priority: 1 },
    ]]]);
  });

  it('a later turn is a batch of its own, and a turn of more than INTAKE_BATCH is cut into batches', async () => {
    const { sut, submissions } = setup({ submissions: { countUnfinished: async () => 0, insertMany: async () => undefined }, queue: { enqueueFresh: async () => undefined } });
    await sut.admit(row('first', null), null);
    await Promise.all(Array.from({ length: INTAKE_BATCH + 1 }, (_, i) => sut.admit(row(`s${i}`, null), null)));
    expect(submissions.insertMany.mock.calls.map(([rows]) => rows.length)).toEqual([1, INTAKE_BATCH, 1]);
  });

  it('counts a batch only once the batch before it is saved, so the cap holds across turns', async () => {
    const events: string[] = [];
    let release!: () => void;
    const firstSave = new Promise<void>((r) => (release = r));
    let saved = 0;
    const { sut } = setup({
      submissions: {
        countUnfinished: async () => { events.push('count'); return saved; },
        insertMany: async (rows: NewSubmission[]) => { events.push('insert'); if (saved === 0) await firstSave; saved += rows.length; },
      },
      queue: { enqueueFresh: async () => undefined },
    });
    const first = [sut.admit(row('a1', ada), ada), sut.admit(row('a2', ada), ada)];
    await new Promise((r) => setImmediate(r));
    const second = [sut.admit(row('a3', ada), ada), sut.admit(row('a4', ada), ada)];
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['count', 'insert']);
    release();
    const answers = await Promise.allSettled([...first, ...second]);
    expect(events).toEqual(['count', 'insert', 'count', 'insert']);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
  });

  it('while a batch is being saved, the submissions of the turns meanwhile wait and are saved together, as the next batch', async () => {
    let release!: () => void;
    const firstSave = new Promise<void>((r) => (release = r));
    const { sut, submissions } = setup({
      submissions: { countUnfinished: async () => 0, insertMany: async (rows: NewSubmission[]) => { if (rows[0].id === 'a1') await firstSave; } },
      queue: { enqueueFresh: async () => undefined },
    });
    const all = [sut.admit(row('a1', ada), ada)];
    for (const id of ['b1', 'b2', 'b3']) {
      await new Promise((r) => setImmediate(r));
      all.push(sut.admit(row(id, bob), bob));
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(submissions.insertMany.mock.calls.map(([rows]) => rows.map((r) => r.id))).toEqual([['a1']]);
    release();
    await Promise.all(all);
    expect(submissions.insertMany.mock.calls.map(([rows]) => rows.map((r) => r.id))).toEqual([['a1'], ['b1', 'b2', 'b3']]);
  });

  it('refuses past MAX_QUEUED_PER_USER with 429, counting the owner\'s earlier submissions of the batch, and saves only the others', async () => {
    const { sut, submissions, queue } = setup({
      submissions: { countUnfinished: async () => 2, insertMany: async () => undefined },
      queue: { enqueueFresh: async () => undefined },
    });
    const answers = await Promise.allSettled([sut.admit(row('a1', ada), ada), sut.admit(row('a2', ada), ada), sut.admit(row('b1', bob), bob)]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refusal = (answers[1] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(HttpException);
    expect(refusal.getStatus()).toBe(429);
    expect(refusal.message).toMatch(/^submissions: 3 of yours are not finished yet; at most 3 at once \(MAX_QUEUED_PER_USER\)$/);
    expect(submissions.insertMany.mock.calls[0][0].map((r) => r.id)).toEqual(['a1', 'b1']);
    expect(queue.enqueueFresh.mock.calls[0][0].map((j) => j.submissionId)).toEqual(['a1', 'b1']);
  });

  it('does not cap admins (their priority still grows)', async () => {
    const { sut, queue } = setup({ submissions: { countUnfinished: async () => 99, insertMany: async () => undefined }, queue: { enqueueFresh: async () => undefined } });
    await sut.admit(row('x', ADMIN_TOKEN_IDENTITY), ADMIN_TOKEN_IDENTITY);
    expect(queue.enqueueFresh).toHaveBeenCalledWith([{ submissionId: 'x', priority: 100 }]);
  });

  it('an unreachable database refuses the whole batch with its error, and nothing is queued', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { sut, submissions } = setup({ submissions: { countUnfinished: async () => 0, insertMany: async () => { throw down; } } });
    const answers = await Promise.allSettled([sut.admit(row('a1', ada), ada), sut.admit(row('b1', bob), bob)]);
    expect(answers).toEqual([{ status: 'rejected', reason: down }, { status: 'rejected', reason: down }]);
    expect(submissions.insertMany).toHaveBeenCalledTimes(1);
  });

  it('a batch refused for one bad row is saved again a row at a time: only that row fails', async () => {
    const bad = new Error('value too long for column');
    const { sut, submissions, queue } = setup({
      submissions: { countUnfinished: async () => 0, insertMany: async (rows: NewSubmission[]) => { if (rows.some((r) => r.id === 'bad')) throw bad; } },
      queue: { enqueueFresh: async () => undefined },
    });
    const answers = await Promise.allSettled([sut.admit(row('a1', ada), ada), sut.admit(row('bad', ada), ada), sut.admit(row('a3', ada), ada)]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).toBe(bad);
    expect(submissions.insertMany.mock.calls.map(([rows]) => rows.map((r) => r.id))).toEqual([['a1', 'bad', 'a3'], ['a1'], ['bad'], ['a3']]);
    expect(queue.enqueueFresh.mock.calls[0][0].map((j) => j.submissionId)).toEqual(['a1', 'a3']);
  });

  it('answers saved submissions even when Redis refuses their jobs (the recovery sweep queues them)', async () => {
    const { sut } = setup({ submissions: { countUnfinished: async () => 0, insertMany: async () => undefined }, queue: { enqueueFresh: async () => { throw new Error('Connection is closed.'); } } });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(sut.admit(row('a1', ada), ada)).resolves.toBeUndefined();
  });
});
