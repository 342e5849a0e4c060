import { EventEmitter } from 'node:events';
import type { Server, WebSocket } from 'ws';
import { applyConnectionPolicy, closeGoingAway, WsCloseCode } from './ws-connections';

/** A `ws` client as the policy sees it: sends (recorded), bufferedAmount (set by the test), close, terminate, ping. */
class FakeClient extends EventEmitter {
  readonly CLOSED = 3;
  readyState = 1;
  bufferedAmount = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  terminated = false;
  pings = 0;
  send(data: unknown): void { this.sent.push(data); }
  close(code: number): void { this.closedWith = code; this.readyState = 2; }
  terminate(): void { this.terminated = true; this.readyState = 3; this.emit('close'); }
  ping(): void { this.pings++; }
}

function setup(opts = { pingIntervalMs: 1000, maxBufferedBytes: 100 }) {
  const server = Object.assign(new EventEmitter(), { clients: new Set<FakeClient>() });
  const stop = applyConnectionPolicy(server as unknown as Server, opts);
  const connect = () => {
    const c = new FakeClient();
    server.clients.add(c);
    server.emit('connection', c as unknown as WebSocket);
    return c;
  };
  return { server, stop, connect };
}

describe('applyConnectionPolicy', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pings every interval and terminates a client that did not answer the previous ping', () => {
    const { stop, connect } = setup();
    const silent = connect();
    const answering = connect();
    jest.advanceTimersByTime(1000);
    expect([silent.pings, answering.pings]).toEqual([1, 1]);
    answering.emit('pong');
    jest.advanceTimersByTime(1000);
    expect(silent.terminated).toBe(true);
    expect(answering.terminated).toBe(false);
    expect(answering.pings).toBe(2);
    stop();
  });

  it('sends while the buffer has room; past it, drops the frame, closes with 4008 and destroys the socket later', () => {
    const { stop, connect } = setup();
    const c = connect();
    c.send('x'.repeat(500)); // an empty buffer takes any one frame
    c.bufferedAmount = 60;
    c.send('y'.repeat(30));
    expect(c.sent).toHaveLength(2);
    c.send('z'.repeat(50)); // 60 + 50 > 100
    expect(c.sent).toHaveLength(2);
    expect(c.closedWith).toBe(WsCloseCode.TooSlow);
    c.send('late');
    expect(c.sent).toHaveLength(2);
    expect(c.terminated).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(c.terminated).toBe(true);
    stop();
  });
});

describe(closeGoingAway.name, () => {
  it('closes every client with 1001 and resolves once they are gone', async () => {
    const clients = new Set([new FakeClient(), new FakeClient()]);
    for (const c of clients) c.close = function (code: number) { this.closedWith = code; this.readyState = 3; this.emit('close'); };
    await closeGoingAway({ clients } as unknown as Server);
    expect([...clients].map((c) => c.closedWith)).toEqual([1001, 1001]);
  });
});
