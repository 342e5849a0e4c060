import type { SubmissionView } from '@app/contracts/submission.dto';
import { LiveSocket, SocketLike } from './live-socket';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  sent: any[] = [];
  constructor(readonly url: string) {}
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.readyState = 3; this.onclose?.({}); }
  open() { this.readyState = 1; this.onopen?.({}); }
  frame(f: unknown) { this.onmessage?.({ data: JSON.stringify(f) }); }
}

const view = (id: string, revision: number) => ({ id, revision }) as SubmissionView;

describe('LiveSocket', () => {
  let sockets: FakeSocket[];
  let live: LiveSocket;
  beforeEach(() => {
    jest.useFakeTimers();
    sockets = [];
    live = new LiveSocket(() => 'ws://x/ws?token=t', (url) => { const s = new FakeSocket(url); sockets.push(s); return s; }, [100, 200]);
  });
  afterEach(() => { live.close(); jest.useRealTimers(); });

  it('connects on the first watch, subscribes once open, and routes frames by submission', () => {
    const a: SubmissionView[] = [];
    const b: SubmissionView[] = [];
    live.watch('a', { onSubmission: (v) => a.push(v) });
    live.watch('b', { onSubmission: (v) => b.push(v) });
    expect(sockets).toHaveLength(1);
    expect(sockets[0].url).toBe('ws://x/ws?token=t');
    sockets[0].open();
    expect(sockets[0].sent).toEqual([{ event: 'subscribe', data: { submissionId: 'a' } }, { event: 'subscribe', data: { submissionId: 'b' } }]);
    sockets[0].frame({ event: 'submission', data: view('a', 1) });
    sockets[0].frame({ event: 'submission', data: view('b', 2) });
    expect(a.map((v) => v.revision)).toEqual([1]);
    expect(b.map((v) => v.revision)).toEqual([2]);
  });

  it('reconnects after a drop and subscribes again to what is watched', () => {
    const seen: number[] = [];
    live.watch('a', { onSubmission: (v) => seen.push(v.revision) });
    sockets[0].open();
    sockets[0].frame({ event: 'submission', data: view('a', 1) });
    sockets[0].close();
    expect(sockets).toHaveLength(1);
    jest.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    expect(sockets[1].sent).toEqual([{ event: 'subscribe', data: { submissionId: 'a' } }]);
    sockets[1].frame({ event: 'submission', data: view('a', 3) });
    expect(seen).toEqual([1, 3]);
    expect(live.connections).toBe(2);
  });

  it('backs off while the server stays away', () => {
    live.watch('a', { onSubmission: () => undefined });
    sockets[0].close();
    jest.advanceTimersByTime(100);
    sockets[1].close();
    jest.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    jest.advanceTimersByTime(100);
    expect(sockets).toHaveLength(3);
  });

  it('unsubscribes, and closes when nothing is watched', () => {
    const stop = live.watch('a', { onSubmission: () => undefined });
    sockets[0].open();
    stop();
    expect(sockets[0].sent.at(-1)).toEqual({ event: 'unsubscribe', data: { submissionId: 'a' } });
    expect(sockets[0].readyState).toBe(3);
    jest.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(1);
  });

  it('hands error frames to the watcher they name', () => {
    const errors: string[] = [];
    live.watch('a', { onSubmission: () => undefined, onError: (m) => errors.push(m) });
    sockets[0].open();
    sockets[0].frame({ event: 'error', data: { message: 'submission a not found', submissionId: 'a' } });
    sockets[0].frame({ event: 'error', data: { message: 'submission z not found', submissionId: 'z' } });
    expect(errors).toEqual(['submission a not found']);
  });
});
