import type { SubmissionView } from '@app/contracts/submission.dto';

/** The part of the browser's WebSocket this class uses (tests pass a fake). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string) => SocketLike;

/** Frames the gateway sends on /ws (DESIGN.md "API contract": Nest's `{ event, data }`). */
export type ServerFrame =
  | { event: 'submission'; data: SubmissionView }
  | { event: 'error'; data: { message: string; submissionId?: string } };

export interface Watcher {
  onSubmission(view: SubmissionView): void;
  onError?(message: string): void;
}

const OPEN = 1;

/**
 * One WebSocket to the gateway shared by the page, subscribing to the submissions being watched.
 * When the connection drops it reconnects after `delays` ms (the last one repeating) and
 * subscribes again to every watched submission; the gateway then sends each one's current
 * state, so nothing is missed (merge by `revision` on the receiving side). Opens only while
 * something is watched.
 */
export class LiveSocket {
  private socket: SocketLike | null = null;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Connections opened so far (1 + reconnects); for tests and diagnostics. */
  connections = 0;

  constructor(
    private readonly url: () => string,
    private readonly factory: SocketFactory,
    private readonly delays: number[] = [250, 500, 1000, 2000, 4000],
  ) {}

  /** Watches a submission; returns the function that stops watching. */
  watch(submissionId: string, watcher: Watcher): () => void {
    let set = this.watchers.get(submissionId);
    const first = !set;
    if (!set) this.watchers.set(submissionId, (set = new Set()));
    set.add(watcher);
    if (!this.socket && !this.timer) this.connect();
    else if (first) this.sendSubscribe(submissionId);
    return () => {
      set!.delete(watcher);
      if (set!.size) return;
      this.watchers.delete(submissionId);
      if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify({ event: 'unsubscribe', data: { submissionId } }));
      if (!this.watchers.size) this.close();
    };
  }

  /** Closes the connection and forgets every watcher. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close();
    }
  }

  /** Drops the current connection as if the network did (tests; "reconnect now"). */
  drop(): void {
    this.socket?.close();
  }

  private connect(): void {
    this.timer = null;
    const s = this.factory(this.url());
    this.socket = s;
    this.connections += 1;
    s.onopen = () => {
      this.attempt = 0;
      for (const id of this.watchers.keys()) this.sendSubscribe(id);
    };
    s.onmessage = (ev) => this.receive(ev.data);
    s.onerror = () => undefined;
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      if (!this.watchers.size) return;
      const delay = this.delays[Math.min(this.attempt, this.delays.length - 1)];
      this.attempt += 1;
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private sendSubscribe(submissionId: string): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify({ event: 'subscribe', data: { submissionId } }));
  }

  private receive(raw: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (frame.event === 'submission') {
      for (const w of this.watchers.get(frame.data.id) ?? []) w.onSubmission(frame.data);
    } else if (frame.event === 'error') {
      const targets = frame.data.submissionId ? [this.watchers.get(frame.data.submissionId) ?? new Set<Watcher>()] : [...this.watchers.values()];
      for (const set of targets) for (const w of set) w.onError?.(frame.data.message);
    }
  }
}
