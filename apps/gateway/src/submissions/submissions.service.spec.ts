import { HttpException } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, RedisKeys } from '@app/config';
import { CreateSubmissionDto, Role } from '@app/contracts';
import { ProblemsRepository, SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';
import { strictMock } from '../../../../test/support/strict-mock';
import { ADMIN_TOKEN_IDENTITY, Identity } from '../auth/identity';
import { SubmissionFeed } from '../feed/submission-feed';
import { SubmissionWatchers } from '../feed/submission-watchers';
import { decodeCursor, encodeCursor, SubmissionsService } from './submissions.service';

const ada: Identity = { id: 'user:u1', kind: 'user', name: 'ada', role: Role.User };
const dto = { language: 'python3', sourceCode: 'print(1)', stdin: '' } as CreateSubmissionDto;

function setup(members: { submissions?: object; queue?: object; redis?: object; feed?: object; watchers?: object } = {}) {
  const submissions = strictMock<SubmissionsRepository>('SubmissionsRepository', members.submissions);
  const queue = strictMock<SubmissionQueue>('SubmissionQueue', members.queue);
  const redis = strictMock<Redis>('Redis', members.redis);
  const config = strictMock<AppConfig>('AppConfig', { maxQueuedPerUser: 3, redisKeys: new RedisKeys('ns'), submissionFileCaps: { maxFiles: 3, maxFileBytes: 1024, maxTotalBytes: 2048 } });
  const feed = strictMock<SubmissionFeed>('SubmissionFeed', members.feed);
  const watchers = strictMock<SubmissionWatchers>('SubmissionWatchers', members.watchers);
  const sut = new SubmissionsService(submissions, strictMock<ProblemsRepository>('ProblemsRepository'), queue, feed, watchers, config, redis);
  return { sut, submissions, queue, redis };
}

describe('SubmissionsService.create', () => {
  it('records the owner and queues with priority = the owner\'s unfinished count (fair queueing)', async () => {
    const { sut, submissions, queue } = setup({ submissions: { countUnfinished: async () => 1, insert: async () => undefined }, queue: { enqueue: async () => undefined } });
    const { id } = await sut.create(dto, ada);
    expect(submissions.insert.mock.calls[0][0]).toMatchObject({ id, ownerId: 'user:u1', status: 'queued' });
    expect(queue.enqueue).toHaveBeenCalledWith(id, 2, true);
    expect(submissions.countUnfinished.mock.calls).toEqual([['user:u1', { atMost: 1000 }]]);
  });

  it('refuses past MAX_QUEUED_PER_USER with 429, saving nothing', async () => {
    const { sut } = setup({ submissions: { countUnfinished: async () => 3 } });
    const e = await sut.create(dto, ada).catch((x) => x);
    expect(e).toBeInstanceOf(HttpException);
    expect(e.getStatus()).toBe(429);
    expect(e.message).toMatch(/MAX_QUEUED_PER_USER/);
  });

  it('does not cap admins', async () => {
    const { sut, queue } = setup({ submissions: { insert: async () => undefined, countUnfinished: async () => 99 }, queue: { enqueue: async () => undefined } });
    await sut.create(dto, ADMIN_TOKEN_IDENTITY);
    expect(queue.enqueue).toHaveBeenCalledWith(expect.any(String), 100, true);
  });

  it('answers a repeated Idempotency-Key with the first id and creates nothing', async () => {
    const { sut, redis } = setup({ redis: { set: async () => null, get: async () => 'first-id' } });
    await expect(sut.create(dto, ada, 'k')).resolves.toEqual({ id: 'first-id', status: 'queued', replayed: true });
    expect(redis.set).toHaveBeenCalledWith(expect.stringMatching(/^ns:idempotency:user:u1:[0-9a-f]{64}$/), expect.any(String), 'EX', 86400, 'NX');
  });

  it('releases the Idempotency-Key when the request is refused', async () => {
    const { sut, redis } = setup({ redis: { set: async () => 'OK', del: async () => 1 }, submissions: { countUnfinished: async () => 3 } });
    await expect(sut.create(dto, ada, 'k')).rejects.toBeInstanceOf(HttpException);
    expect(redis.del).toHaveBeenCalledWith(redis.set.mock.calls[0][0]);
  });
});

describe('SubmissionsService.create with files', () => {
  it('saves the files (encoding made explicit) and the entry point, with an empty sourceCode', async () => {
    const { sut, submissions } = setup({ submissions: { countUnfinished: async () => 0, insert: async () => undefined }, queue: { enqueue: async () => undefined } });
    const files = [{ path: 'main.py', content: 'import util' }, { path: 'util.py', content: 'AA==', encoding: 'base64' as const }];
    await sut.create({ language: 'python3', files, entryPoint: 'main.py', stdin: '' } as CreateSubmissionDto, ada);
    expect(submissions.insert.mock.calls[0][0]).toMatchObject({
      sourceCode: '', entryPoint: 'main.py',
      files: [{ path: 'main.py', content: 'import util', encoding: 'utf8' }, { path: 'util.py', content: 'AA==', encoding: 'base64' }],
    });
  });

  it.each([
    [{ language: 'c', sourceCode: 'x', files: [{ path: 'a.c', content: 'x' }] }, /^sourceCode and files: give one/],
    [{ language: 'c', sourceCode: 'x', entryPoint: 'a.c' }, /^entryPoint: only with files/],
    [{ language: 'c', files: [{ path: '../a.c', content: 'x' }] }, /^files\.0\.path/],
    [{ language: 'c', files: [{ path: 'a.c', content: 'x'.repeat(1025) }] }, /SUBMISSION_MAX_FILE_BYTES/],
    [{ language: 'c', files: [{ path: 'a.c', content: 'x' }], entryPoint: 'b.c' }, /^entryPoint:/],
  ])('refuses case %# with 400 before saving anything', async (body, message) => {
    const { sut } = setup();
    const e = await sut.create({ stdin: '', ...body } as CreateSubmissionDto, ada).catch((x) => x);
    expect(e).toBeInstanceOf(HttpException);
    expect(e.getStatus()).toBe(400);
    expect(e.message).toMatch(message);
  });
});

describe('submission cursors', () => {
  it('round-trip, and a bad one is a 400 naming cursor', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(decodeCursor(encodeCursor({ createdAt: at, id: 'abc' } as never))).toEqual({ createdAt: at, id: 'abc' });
    expect(() => decodeCursor('garbage')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('[1]').toString('base64url'))).toThrow(/cursor/);
  });
});

describe('SubmissionsService.get (long poll)', () => {
  it('answers at once with the state then when the gateway begins to shut down', async () => {
    const view = { id: 's1', status: 'running', revision: 2 };
    let shutDown!: () => void;
    const closing = new Promise<void>((r) => (shutDown = r));
    const stop = jest.fn();
    const { sut } = setup({ feed: { open: async () => ({ current: view, stop }), read: async () => ({ ...view, revision: 3 }) }, watchers: { closing } });
    const answer = sut.get('s1', 60_000, undefined, ada);
    shutDown();
    await expect(answer).resolves.toEqual({ ...view, revision: 3 });
    expect(stop).toHaveBeenCalled();
  });
});
