import type { WebSocket } from 'ws';
import { SubmissionStatus, SubmissionView } from '@app/contracts';
import { strictMock } from '../../../../test/support/strict-mock';
import type { IdentityService } from '../auth/identity.service';
import type { Identity } from '../auth/identity';
import type { SubmissionFeed, SubmissionWatch } from '../feed/submission-feed';
import { RealtimeGateway } from './realtime.gateway';

const ID = '0b4e3f64-54b2-4a43-9a2b-7f9d1a3c2e10';
const view = (revision: number, status: SubmissionStatus) => ({ id: ID, revision, status }) as SubmissionView;
const viewer = { id: 'user:1', role: 'user' } as unknown as Identity;

function setup(open: (listener: (v: SubmissionView) => void) => Promise<SubmissionWatch>) {
  const feed = strictMock<SubmissionFeed>('SubmissionFeed', { open: (_id: string, listener: (v: SubmissionView) => void) => open(listener) });
  const identities = strictMock<IdentityService>('IdentityService', { resolve: async () => viewer });
  const sent: Array<{ event: string; data: SubmissionView }> = [];
  const client = { OPEN: 1, readyState: 1, send: (m: string) => sent.push(JSON.parse(m)), close: jest.fn() } as unknown as WebSocket;
  const sut = new RealtimeGateway(feed, identities);
  sut.handleConnection(client, { token: 't' } as never);
  return { sut, client, sent };
}

describe('RealtimeGateway subscribe', () => {
  it('an update published while the first read is on its way is sent after it, not dropped', async () => {
    // The read began before the judge saved `finished`; its event came before the read answered.
    const { sut, client, sent } = setup(async (listener) => {
      listener(view(3, SubmissionStatus.Running));
      listener(view(4, SubmissionStatus.Finished));
      listener(view(2, SubmissionStatus.Compiling));
      return { current: view(2, SubmissionStatus.Compiling), stop: jest.fn() };
    });
    await sut.subscribe(client, { submissionId: ID });
    expect(sent.map((f) => [f.event, f.data.revision, f.data.status])).toEqual([
      ['submission', 2, 'compiling'],
      ['submission', 4, 'finished'],
    ]);
  });

  it('sends nothing early for a submission that is not the viewer\'s', async () => {
    const stop = jest.fn();
    const { sut, client, sent } = setup(async (listener) => {
      listener(view(4, SubmissionStatus.Finished));
      return { current: null, stop };
    });
    await sut.subscribe(client, { submissionId: ID });
    expect(sent).toEqual([{ event: 'error', data: { message: `submission ${ID} not found`, submissionId: ID } }]);
  });

  it('an early update older than the read is not sent again', async () => {
    const { sut, client, sent } = setup(async (listener) => {
      listener(view(3, SubmissionStatus.Running));
      return { current: view(5, SubmissionStatus.Finished), stop: jest.fn() };
    });
    await sut.subscribe(client, { submissionId: ID });
    expect(sent.map((f) => f.data.revision)).toEqual([5]);
  });
});

describe('RealtimeGateway frames', () => {
  it('one update reaches every subscriber of the submission as one encoded text frame', async () => {
    const listeners: Array<(v: SubmissionView) => void> = [];
    const feed = strictMock<SubmissionFeed>('SubmissionFeed', {
      open: async (_id: string, listener: (v: SubmissionView) => void) => {
        listeners.push(listener);
        return { current: view(1, SubmissionStatus.Queued), stop: jest.fn() };
      },
    });
    const identities = strictMock<IdentityService>('IdentityService', { resolve: async () => viewer });
    const sut = new RealtimeGateway(feed, identities);
    const frames: Array<{ data: unknown; options: unknown }> = [];
    const clients = [0, 1, 2].map(() => {
      const client = { OPEN: 1, readyState: 1, send: (data: unknown, options: unknown) => frames.push({ data, options }), close: jest.fn() } as unknown as WebSocket;
      sut.handleConnection(client, { token: 't' } as never);
      return client;
    });
    for (const c of clients) await sut.subscribe(c, { submissionId: ID });
    frames.length = 0;
    const update = view(2, SubmissionStatus.Finished);
    for (const l of listeners) l(update);
    expect(frames).toHaveLength(3);
    expect(frames.every((f) => f.data === frames[0].data)).toBe(true);
    expect(frames[0].options).toEqual({ binary: false });
    expect(JSON.parse(String(frames[0].data))).toEqual({ event: 'submission', data: { id: ID, revision: 2, status: 'finished' } });
  });
});
