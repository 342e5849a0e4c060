import { Counter, Gauge } from 'prom-client';
import type { Server, WebSocket } from 'ws';

/** The WebSocket servers of this process (one per gateway app), for the metrics below. */
const servers = new Set<Server>();

/** `/metrics`: what the gateway holds for its WebSocket clients, read at each scrape. */
new Gauge({
  name: 'oj_ws_clients', help: 'WebSocket clients connected to this gateway',
  collect() { this.set([...servers].reduce((n, s) => n + s.clients.size, 0)); },
});
new Gauge({
  name: 'oj_ws_buffered_bytes', help: 'Bytes queued for WebSocket clients and not yet sent (at most WS_MAX_BUFFERED_BYTES plus one frame per client)',
  collect() { this.set([...servers].reduce((n, s) => n + [...s.clients].reduce((m, c) => m + c.bufferedAmount, 0), 0)); },
});
const dropped = new Counter({ name: 'oj_ws_dropped_total', help: 'WebSocket clients dropped, by reason: heartbeat (no pong), slow (send buffer full)', labelNames: ['reason'] });

/**
 * Close codes the gateway ends a WebSocket with (RFC 6455 §7.4; 4000-4999 are the application's).
 * Clients reconnect after `GoingAway` and `TooSlow`, subscribe again, and get the current state.
 */
export const WsCloseCode = {
  /** The gateway is shutting down (SIGTERM): reconnect, to this gateway or another. */
  GoingAway: 1001,
  /** The token is invalid, expired or revoked. */
  Unauthorized: 1008,
  /** A frame larger than the gateway's `maxPayload` (closed by `ws` itself). */
  TooLarge: 1009,
  /** The client read slower than frames came: more than `WS_MAX_BUFFERED_BYTES` waited to be sent to it. */
  TooSlow: 4008,
} as const;

/**
 * How long a client closed for being too slow gets to read what is queued and the close frame
 * behind it before its socket is destroyed, ms (what is queued is bounded already).
 */
const SLOW_CLOSE_GRACE_MS = 10000;
/** How long a shutting-down gateway waits for its clients to answer the 1001 close, ms. */
const GOING_AWAY_GRACE_MS = 1000;

/**
 * The connection policy of the gateway's WebSocket server, for every client whatever it sends:
 * - heartbeat: a ping every `pingIntervalMs`; a client that did not answer the previous ping
 *   (a dead peer, a half-open TCP connection) is terminated, so its subscriptions end;
 * - a bounded send buffer: before each frame, if more than `maxBufferedBytes` would wait in the
 *   socket's buffer (ws `bufferedAmount`), the frame is dropped and the client closed with 4008
 *   (`WsCloseCode.TooSlow`), its socket destroyed ten seconds later if it does not read even that.
 *   Sends never block, so one slow client delays no one else, and what the gateway holds for it
 *   is bounded.
 * `/metrics` shows `oj_ws_clients`, `oj_ws_buffered_bytes` and `oj_ws_dropped_total{reason}`.
 * Returns the function that stops the heartbeat.
 */
export function applyConnectionPolicy(server: Server, opts: { pingIntervalMs: number; maxBufferedBytes: number }): () => void {
  servers.add(server);
  const alive = new WeakMap<WebSocket, boolean>();
  server.on('connection', (client: WebSocket) => {
    alive.set(client, true);
    client.on('pong', () => alive.set(client, true));
    boundSendBuffer(client, opts.maxBufferedBytes);
  });
  const timer = setInterval(() => {
    for (const client of server.clients) {
      if (!alive.get(client)) {
        dropped.inc({ reason: 'heartbeat' });
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, opts.pingIntervalMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    servers.delete(server);
  };
  server.once('close', stop);
  return stop;
}

function boundSendBuffer(client: WebSocket, max: number): void {
  const send = client.send.bind(client) as (data: unknown, ...rest: unknown[]) => void;
  let closing = false;
  (client as { send: unknown }).send = (data: unknown, ...rest: unknown[]) => {
    if (closing) return;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : (data as { byteLength?: number })?.byteLength ?? 0;
    // A frame larger than the bound still goes to a client that has read everything before it.
    if (client.bufferedAmount > 0 && client.bufferedAmount + size > max) {
      closing = true;
      dropped.inc({ reason: 'slow' });
      client.close(WsCloseCode.TooSlow, 'too slow: send buffer full (WS_MAX_BUFFERED_BYTES)');
      setTimeout(() => client.terminate(), SLOW_CLOSE_GRACE_MS).unref();
      return;
    }
    send(data, ...rest);
  };
}

/** Closes every client with 1001 (going away) and waits up to a second for them to go. */
export async function closeGoingAway(server: Server): Promise<void> {
  const open = [...server.clients];
  const gone = open.map((c) => new Promise<void>((resolve) => {
    if (c.readyState === c.CLOSED) return resolve();
    c.once('close', () => resolve());
  }));
  for (const c of open) c.close(WsCloseCode.GoingAway, 'gateway shutting down; reconnect and subscribe again');
  await Promise.race([Promise.all(gone), new Promise((r) => setTimeout(r, GOING_AWAY_GRACE_MS).unref())]);
}
