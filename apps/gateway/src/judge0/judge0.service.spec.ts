import { AppConfig } from '@app/config';
import { Role, SubmissionStatus, Verdict } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository } from '@app/persistence';
import { EventBus } from '@app/pubsub';
import { SubmissionQueue } from '@app/queue';
import { automock } from '../../../../test/support/automock';
import type { Identity } from '../auth/identity';
import { SubmissionsService } from '../submissions/submissions.service';
import { Judge0Error } from './judge0.errors';
import { Judge0Service, MULTI_FILE_COMMANDS, withAdditionalFiles } from './judge0.service';

const alice: Identity = { id: 'key:a', kind: 'key', name: 'alice', role: Role.User };
const bob: Identity = { id: 'key:b', kind: 'key', name: 'bob', role: Role.User };
const TOKEN = '6f1c0000-0000-4000-8000-000000000001';

function newTestService(config: Partial<AppConfig> = {}) {
  const mocks = {
    submissions: automock(SubmissionsService), repo: automock(SubmissionsRepository), queue: automock(SubmissionQueue), bus: automock(EventBus),
  };
  const cfg = { callbackAllowedHosts: [], judge0MaxQueueSize: 10, judge0EnableSubmissionDelete: true, ...config } as unknown as AppConfig;
  return { sut: new Judge0Service(mocks.submissions, mocks.repo, mocks.queue, mocks.bus, cfg), mocks };
}

const entity = (over: Partial<SubmissionEntity> = {}) => ({
  id: TOKEN, ownerId: 'key:a', language: 'python3', status: SubmissionStatus.Finished, verdict: Verdict.AC, tests: [], limits: {}, runOptions: null, callback: null,
  createdAt: new Date(0), updatedAt: new Date(0), ...over,
}) as SubmissionEntity;

describe(Judge0Service.name, () => {
  it('creates an ad-hoc submission of the caller\'s with run options and the callback', async () => {
    const { sut, mocks } = newTestService({ callbackAllowedHosts: ['127.0.0.1'] } as Partial<AppConfig>);
    mocks.submissions.create.mockResolvedValueOnce({ id: TOKEN, status: SubmissionStatus.Queued });
    const made = await sut.create({ source_code: 'print(1)', language_id: 71, number_of_runs: 2, callback_url: 'http://127.0.0.1:8/cb' }, false, alice);
    expect(made).toEqual({ token: TOKEN });
    expect(mocks.submissions.create).toHaveBeenCalledWith(
      expect.objectContaining({ language: 'python3', sourceCode: 'print(1)', stdin: '' }), alice, undefined,
      { runOptions: expect.objectContaining({ numberOfRuns: 2, comparison: 'lines' }), callback: { url: 'http://127.0.0.1:8/cb', format: 'judge0', base64: false } },
    );
  });

  it('answers field errors without creating anything, a private callback address included', async () => {
    const { sut } = newTestService();
    expect(await sut.create({ source_code: 'x', language_id: 71, callback_url: 'http://192.168.0.1/' }, false, alice)).toEqual({ errors: { callback_url: [expect.stringMatching(/public address/)] } });
    expect(await sut.create({ language_id: 71 }, false, alice)).toEqual({ errors: { source_code: ["can't be blank"] } });
  });

  it('refuses past JUDGE0_MAX_QUEUE_SIZE with 503 queue is full', async () => {
    const { sut, mocks } = newTestService();
    mocks.queue.backlog.mockResolvedValueOnce(9).mockResolvedValueOnce(9);
    await expect(sut.assertQueueRoom(1)).resolves.toBeUndefined();
    await expect(sut.assertQueueRoom(2)).rejects.toMatchObject({ body: { error: 'queue is full' }, status: 503 });
  });

  it('finds only the caller\'s submissions, never by a malformed token', async () => {
    const { sut, mocks } = newTestService();
    mocks.repo.findById.mockResolvedValue(entity());
    expect(await sut.find(TOKEN, alice)).toMatchObject({ id: TOKEN });
    expect(await sut.find(TOKEN, bob)).toBeNull();
    expect(await sut.find('../etc', alice)).toBeNull();
    expect(mocks.repo.findById).toHaveBeenCalledTimes(2);
  });

  it('deletes a finished submission only, and only when enabled', async () => {
    const off = newTestService({ judge0EnableSubmissionDelete: false } as Partial<AppConfig>);
    await expect(off.sut.remove(TOKEN, alice, ['token'], false)).rejects.toEqual(Judge0Error.error(400, 'delete not allowed'));
    const { sut, mocks } = newTestService();
    mocks.repo.findById.mockResolvedValueOnce(entity({ status: SubmissionStatus.Running, verdict: null }));
    await expect(sut.remove(TOKEN, alice, ['token'], false)).rejects.toMatchObject({ body: { error: 'submission cannot be deleted because its status is 2 (Processing)' } });
    mocks.repo.findById.mockResolvedValueOnce(entity());
    mocks.repo.remove.mockResolvedValueOnce(true);
    expect(await sut.remove(TOKEN, alice, ['token', 'status_id'], false)).toEqual({ token: TOKEN, status_id: 3 });
    expect(mocks.repo.remove).toHaveBeenCalledWith(TOKEN);
  });

  describe(withAdditionalFiles.name, () => {
    const zip = [{ path: 'data.txt', content: Buffer.from('1 2') }, { path: 'main.py', content: Buffer.from('zip copy') }];
    const dto = { language: 'python3' as const, sourceCode: 'print(1)', stdin: '' };

    it('saves the source as our judge names it, the zip\'s files beside it (base64), a zip file of that name replaced', () => {
      expect(withAdditionalFiles(dto, { comparison: 'lines' }, zip, false)).toEqual({
        dto: { language: 'python3', stdin: '', entryPoint: 'main.py', files: [
          { path: 'main.py', content: 'print(1)', encoding: 'utf8' }, { path: 'data.txt', content: Buffer.from('1 2').toString('base64'), encoding: 'base64' },
        ] },
        runOptions: { comparison: 'lines', copyProgramToWorkDir: true },
      });
    });

    it('language 89: the zip is the program, run by its scripts; without a run script it is refused', () => {
      const program = withAdditionalFiles({ ...dto, language: 'bash', sourceCode: '' }, {}, [...zip, { path: 'run', content: Buffer.from('python3 main.py') }], true);
      expect(program).toMatchObject({ dto: { language: 'bash', entryPoint: 'run' }, runOptions: { commands: MULTI_FILE_COMMANDS, copyProgramToWorkDir: true } });
      expect((program as { dto: { files: unknown[] } }).dto.files).toHaveLength(3);
      expect(withAdditionalFiles({ ...dto, language: 'bash' }, {}, zip, true)).toEqual({ error: 'must contain a run script (language 89)' });
    });
  });
});
