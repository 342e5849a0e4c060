import { HttpException } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, RedisKeys } from '@app/config';
import { CreateSubmissionDto, Role } from '@app/contracts';
import { ProblemsRepository, SubmissionsRepository } from '@app/persistence';
import { strictMock } from '../../../../test/support/strict-mock';
import { ADMIN_TOKEN_IDENTITY, Identity } from '../auth/identity';
import { SubmissionFeed } from '../feed/submission-feed';
import { SubmissionWatchers } from '../feed/submission-watchers';
import { SubmissionIntake } from './submission-intake';
import { decodeCursor, encodeCursor, SubmissionsService } from './submissions.service';

const ada: Identity = { id: 'user:u1', kind: 'user', name: 'ada', role: Role.User };
const dto = { language: 'python3', sourceCode: 'print(1)', stdin: '' } as CreateSubmissionDto;

function setup(members: { submissions?: object; intake?: object; redis?: object; feed?: object; watchers?: object } = {}) {
  const submissions = strictMock<SubmissionsRepository>('SubmissionsRepository', members.submissions);
  const intake = strictMock<SubmissionIntake>('SubmissionIntake', members.intake);
  const redis = strictMock<Redis>('Redis', members.redis);
  const config = strictMock<AppConfig>('AppConfig', { maxQueuedPerUser: 3, redisKeys: new RedisKeys('ns'), submissionFileCaps: { maxFiles: 3, maxFileBytes: 1024, maxTotalBytes: 2048 } });
  const feed = strictMock<SubmissionFeed>('SubmissionFeed', members.feed);
  const watchers = strictMock<SubmissionWatchers>('SubmissionWatchers', members.watchers);
  const sut = new SubmissionsService(submissions, strictMock<ProblemsRepository>('ProblemsRepository'), intake, feed, watchers, config, redis);
  return { sut, submissions, intake, redis };
}

describe('SubmissionsService.create', () => {
  it('admits a queued row with its owner and the ad-hoc run\'s fields, and answers its id', async () => {
    const { sut, intake } = setup({ intake: { admit: async () => undefined } });
    const { id } = await sut.create(dto, ada);
    expect(intake.admit).toHaveBeenCalledTimes(1);
    const [row, owner] = intake.admit.mock.calls[0];
    expect(row).toMatchObject({ id, ownerId: 'user:u1', status: 'queued', language: 'python3', sourceCode: 'print(1)', stdin: '', files: null, revision: 0 });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(owner).toBe(ada);
  });

  it('passes the intake\'s refusal on (429 past MAX_QUEUED_PER_USER)', async () => {
    const refusal = new HttpException('submissions: 3 of yours are not finished yet', 429);
    const { sut } = setup({ intake: { admit: async () => { throw refusal; } } });
    await expect(sut.create(dto, ADMIN_TOKEN_IDENTITY)).rejects.toBe(refusal);
  });

  it('answers a repeated Idempotency-Key with the first id and creates nothing (IdempotencyClaims)', async () => {
    const { sut, redis, submissions } = setup({ redis: { set: async () => null, get: async () => 'first-id' }, submissions: { exists: async () => true } });
    await expect(sut.create(dto, ada, 'k')).resolves.toEqual({ id: 'first-id', status: 'queued', replayed: true });
    expect(redis.set).toHaveBeenCalledWith(expect.stringMatching(/^ns:idempotency:user:u1:[0-9a-f]{64}$/), expect.stringMatching(/^pending:[0-9a-f-]{36}:\d+$/), 'EX', 86400, 'NX');
    expect(submissions.exists).toHaveBeenCalledWith('first-id');
  });

  it('frees the Idempotency-Key when the request is refused, and gives it the submission once saved', async () => {
    const refused = setup({ redis: { set: async () => 'OK', eval: async () => 1 }, intake: { admit: async () => { throw new HttpException('too many', 429); } } });
    await expect(refused.sut.create(dto, ada, 'k')).rejects.toBeInstanceOf(HttpException);
    expect(refused.redis.eval.mock.calls.map((c) => c[4])).toEqual(['']);
    const saved = setup({ redis: { set: async () => 'OK', eval: async () => 1 }, intake: { admit: async () => undefined } });
    const { id } = await saved.sut.create(dto, ada, 'k');
    expect(saved.redis.eval.mock.calls.map((c) => c[4])).toEqual([id]);
  });
});

describe('SubmissionsService.create with files', () => {
  it('saves the files (encoding made explicit) and the entry point, with an empty sourceCode', async () => {
    const { sut, intake } = setup({ intake: { admit: async () => undefined } });
    const files = [{ path: 'main.py', content: 'import util' }, { path: 'util.py', content: 'AA==', encoding: 'base64' as const }];
    await sut.create({ language: 'python3', files, entryPoint: 'main.py', stdin: '' } as CreateSubmissionDto, ada);
    expect(intake.admit.mock.calls[0][0]).toMatchObject({
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
