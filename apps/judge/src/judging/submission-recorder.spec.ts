import { AppConfig } from '@app/config';
import { JudgeEvents, SubmissionStatus } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository, SupersededWriteError } from '@app/persistence';
import { EventBus } from '@app/pubsub';
import { CallbackQueue } from '@app/queue';
import { automock } from '../../../../test/support/automock';
import { strictMock } from '../../../../test/support/strict-mock';
import { SubmissionRecorder } from './submission-recorder';

const entity = (): SubmissionEntity => ({
  id: 's1', problemId: null, language: 'c', sourceCode: 'x', files: null, entryPoint: null, stdin: '', expectedOutput: null, limits: {}, runOptions: null, callback: null,
  status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null,
  testCount: 0, tests: [], revision: 3, judgeId: null, ownerId: null, createdAt: new Date(0), updatedAt: new Date(0),
});

function setup(retryMs = 1000) {
  const mocks = {
    submissions: automock(SubmissionsRepository), bus: automock(EventBus), callbacks: automock(CallbackQueue),
    config: strictMock<AppConfig>('AppConfig', { judgeDbRetryMs: retryMs }),
  };
  return { sut: new SubmissionRecorder(mocks.submissions, mocks.bus, mocks.callbacks, mocks.config), mocks };
}

const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe(SubmissionRecorder.name, () => {
  it('saves the changed copy, then publishes its view; the state given is left unchanged', async () => {
    const { sut, mocks } = setup();
    const order: string[] = [];
    mocks.submissions.update.mockImplementationOnce(async (s) => {
      order.push('save');
      s.revision += 1;
      return s;
    });
    mocks.bus.publish.mockImplementationOnce(async () => void order.push('publish'));
    const current = entity();

    const next = await sut.record(current, { status: SubmissionStatus.Compiling, judgeId: 'j' });

    expect(order).toEqual(['save', 'publish']);
    expect(next).toMatchObject({ status: 'compiling', judgeId: 'j', revision: 4 });
    expect(current).toMatchObject({ status: 'queued', judgeId: null, revision: 3 });
    expect(mocks.bus.publish).toHaveBeenCalledWith(JudgeEvents.SubmissionUpdated, expect.objectContaining({ id: 's1', status: 'compiling', revision: 4 }));
  });

  it("waits for the final state's event, not a progress event's; sends each event of a submission once the one before was answered", async () => {
    const { sut, mocks } = setup();
    mocks.submissions.update.mockImplementation(async (s) => s);
    const answers: Array<() => void> = [];
    mocks.bus.publish.mockImplementation(() => new Promise<void>((resolve) => { answers.push(resolve); }));
    const turn = () => new Promise((r) => setImmediate(r));

    let saved = false;
    void sut.record(entity(), { status: SubmissionStatus.Running }).then(() => { saved = true; });
    await turn();
    expect(saved).toBe(true);
    expect(mocks.bus.publish).toHaveBeenCalledTimes(1);

    // Another submission's events do not wait for this one's.
    void sut.record({ ...entity(), id: 's2' }, { status: SubmissionStatus.Running });
    await turn();
    expect(mocks.bus.publish).toHaveBeenCalledTimes(2);

    let finished = false;
    void sut.record(entity(), { status: SubmissionStatus.Finished }).then(() => { finished = true; });
    await turn();
    expect(mocks.bus.publish).toHaveBeenCalledTimes(2);
    answers[0]();
    await turn();
    expect(mocks.bus.publish).toHaveBeenCalledTimes(3);
    expect(mocks.bus.publish).toHaveBeenLastCalledWith(JudgeEvents.SubmissionUpdated, expect.objectContaining({ id: 's1', status: 'finished' }));
    expect(finished).toBe(false);
    answers[2]();
    await turn();
    expect(finished).toBe(true);
  });

  it("a progress event Redis refused does not fail the recording nor hold the next event; the final one's failure is thrown", async () => {
    const { sut, mocks } = setup();
    mocks.submissions.update.mockImplementation(async (s) => s);
    mocks.bus.publish.mockRejectedValueOnce(new Error('Redis is gone')).mockRejectedValueOnce(new Error('still gone'));
    await expect(sut.record(entity(), { status: SubmissionStatus.Running })).resolves.toMatchObject({ status: 'running' });
    await expect(sut.record(entity(), { status: SubmissionStatus.Finished })).rejects.toThrow('still gone');
    expect(mocks.bus.publish).toHaveBeenCalledTimes(2);
  });

  it('queueCallback queues the delivery of a finished submission that asked for one, and of no other', async () => {
    const { sut, mocks } = setup();
    mocks.callbacks.enqueue.mockResolvedValue(undefined);
    const callback = { url: 'https://example.org/cb', format: 'judge0' as const, base64: false };
    await sut.queueCallback({ ...entity(), callback, status: SubmissionStatus.Finished });
    await sut.queueCallback({ ...entity(), callback, status: SubmissionStatus.Running });
    await sut.queueCallback({ ...entity(), status: SubmissionStatus.Finished });
    expect(mocks.callbacks.enqueue).toHaveBeenCalledTimes(1);
    expect(mocks.callbacks.enqueue).toHaveBeenCalledWith('s1');
  });

  it('queues the result callback once the submission is finished, and only then', async () => {
    const { sut, mocks } = setup();
    mocks.submissions.update.mockImplementation(async (s) => s);
    mocks.bus.publish.mockResolvedValue(undefined);
    mocks.callbacks.enqueue.mockResolvedValue(undefined);
    const current = { ...entity(), callback: { url: 'https://example.org/cb', format: 'judge0' as const, base64: false } };

    await sut.record(current, { status: SubmissionStatus.Running });
    expect(mocks.callbacks.enqueue).not.toHaveBeenCalled();
    await sut.record(current, { status: SubmissionStatus.Finished });
    expect(mocks.callbacks.enqueue).toHaveBeenCalledWith('s1');
    await sut.record(entity(), { status: SubmissionStatus.Finished });
    expect(mocks.callbacks.enqueue).toHaveBeenCalledTimes(1);
  });

  it('tries a write again while the database is unreachable, then publishes once', async () => {
    const { sut, mocks } = setup();
    mocks.submissions.update.mockRejectedValueOnce(unreachable()).mockRejectedValueOnce(unreachable()).mockImplementationOnce(async (s) => ({ ...s, revision: s.revision + 1 }));
    mocks.bus.publish.mockResolvedValueOnce(undefined);

    const next = await sut.record(entity(), { status: SubmissionStatus.Running });

    expect(next.revision).toBe(4);
    expect(mocks.submissions.update).toHaveBeenCalledTimes(3);
    expect(mocks.bus.publish).toHaveBeenCalledTimes(1);
  });

  it('gives up after JUDGE_DB_RETRY_MS with the database error', async () => {
    const { sut, mocks } = setup(250);
    mocks.submissions.update.mockRejectedValue(unreachable());

    await expect(sut.record(entity(), { status: SubmissionStatus.Running })).rejects.toThrow('ECONNREFUSED');
    expect(mocks.submissions.update.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(mocks.bus.publish).not.toHaveBeenCalled();
  });

  it('a write the revision guard refused is not tried again and publishes nothing', async () => {
    const { sut, mocks } = setup();
    mocks.submissions.update.mockRejectedValueOnce(new SupersededWriteError('s1', 3));

    await expect(sut.record(entity(), { status: SubmissionStatus.Running })).rejects.toBeInstanceOf(SupersededWriteError);
    expect(mocks.submissions.update).toHaveBeenCalledTimes(1);
    expect(mocks.bus.publish).not.toHaveBeenCalled();
  });
});
