import type { LanguageInfo, ProblemView, SubmissionAccepted, SubmissionStatus, SubmissionView } from '@app/contracts';
import WebSocket from 'ws';

/** The gateway answered with an HTTP error (or an error frame): `status` and the parsed `body`. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** An error frame of the WebSocket: long polling would not do better. */
  fatal = false;

  constructor(message: string, readonly status: number, readonly body: unknown) {
    super(message);
  }
}

/** The gateway could not be reached at all (refused, DNS, timeout, a socket closed early). */
export class ConnectionError extends Error {
  override name = 'ConnectionError';

  constructor(message: string, readonly url: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Watching a submission timed out before it finished; `last` is the last state seen. */
export class WatchTimeoutError extends Error {
  override name = 'WatchTimeoutError';

  constructor(message: string, readonly last: SubmissionView | null) {
    super(message);
  }
}

/** Body of `POST /api/v1/submissions` (see `CreateSubmissionDto`). */
export interface SubmissionRequest {
  language: string;
  /** One file; or `files` (and `entryPoint`) for several. */
  sourceCode?: string;
  files?: { path: string; content: string; encoding?: 'utf8' | 'base64' }[];
  entryPoint?: string;
  problemId?: string;
  stdin?: string;
  expectedOutput?: string;
  /** Overrides of the problem's limits (see `LimitsDto`): ms, KiB, processes. */
  limits?: { timeLimitMs?: number; wallTimeLimitMs?: number; memoryLimitKb?: number; outputLimitKb?: number; processLimit?: number };
}

export interface ClientOptions {
  /** Sent as `Authorization: Bearer <token>` on every request and the WebSocket. */
  token?: string;
  /** Per REST request, ms (long polls get their wait on top). Default 30 s. */
  requestTimeoutMs?: number;
}

/** `http://host:port/` (or `host:port`) as `http://host:port`. @throws Error for another scheme. */
export function normalizeBaseUrl(url: string): string {
  let u = String(url).trim();
  if (!/^[a-z]+:\/\//i.test(u)) u = `http://${u}`;
  const parsed = new URL(u);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--url must be http(s)://host:port, got ${url}`);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

function describeCause(e: unknown): string {
  const c = ((e as { cause?: unknown })?.cause ?? e) as { code?: string; address?: string; port?: number; name?: string; message?: string };
  if (c?.code) return c.code + (c.address ? ` ${c.address}${c.port ? `:${c.port}` : ''}` : '');
  if (c?.name === 'TimeoutError' || c?.name === 'AbortError') return 'timed out';
  return c?.message ?? String(c);
}

const FINISHED: SubmissionStatus = 'finished' as SubmissionStatus;

/**
 * A client of the gateway's public API (`/api/v1`, WebSocket `/ws`), shared by the CLI and the
 * scripts. Every method throws ConnectionError when the gateway is unreachable and ApiError on
 * an HTTP error.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly apiUrl: string;
  readonly wsUrl: string;
  private readonly token?: string;
  private readonly requestTimeoutMs: number;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(baseUrl);
    this.apiUrl = `${this.baseUrl}/api/v1`;
    this.wsUrl = `${this.baseUrl.replace(/^http/, 'ws')}/ws`;
    this.token = options.token || undefined;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  private get authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  /** `method path` under /api/v1 with an optional JSON body; resolves with the parsed answer. */
  async request<T = unknown>(method: string, path: string, body?: unknown, { timeoutMs = this.requestTimeoutMs } = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.apiUrl}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.authHeaders },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new ConnectionError(`cannot reach the gateway at ${this.baseUrl} (${describeCause(e)}): is it running? (npm start)`, this.baseUrl, { cause: e });
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    if (!res.ok) {
      const msg = (parsed && typeof parsed === 'object' && (parsed as { message?: string }).message) || text || res.statusText;
      throw new ApiError(`${method} ${path}: HTTP ${res.status}: ${msg}`, res.status, parsed);
    }
    return parsed as T;
  }

  health(): Promise<unknown> {
    return this.request('GET', '/health');
  }

  languages(): Promise<LanguageInfo[]> {
    return this.request('GET', '/languages');
  }

  problems(): Promise<ProblemView[]> {
    return this.request('GET', '/problems');
  }

  problem(id: string): Promise<ProblemView> {
    return this.request('GET', `/problems/${encodeURIComponent(id)}`);
  }

  submit(body: SubmissionRequest): Promise<SubmissionAccepted> {
    return this.request('POST', '/submissions', body);
  }

  /** The submission; with `waitMs`, a long poll for a status other than `after`. */
  submission(id: string, { waitMs, after }: { waitMs?: number; after?: string } = {}): Promise<SubmissionView> {
    const q = new URLSearchParams();
    if (waitMs !== undefined) q.set('waitMs', String(waitMs));
    if (after) q.set('after', after);
    const qs = q.toString();
    return this.request('GET', `/submissions/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`, undefined, { timeoutMs: (waitMs ?? 0) + this.requestTimeoutMs });
  }

  /**
   * Follows a submission until it finishes: `onFrame` gets the first state and every change
   * (stale or repeated revisions dropped); resolves with the final submission. Uses the
   * WebSocket; if the socket fails before the end, goes on by long polling.
   * @throws WatchTimeoutError after `timeoutMs` (default 300 s); ApiError for an error frame.
   */
  watch(submissionId: string, onFrame: (view: SubmissionView) => void = () => undefined, { timeoutMs = 300_000 } = {}): Promise<SubmissionView> {
    let lastRevision = -1;
    let last: SubmissionView | null = null;
    const deadline = Date.now() + timeoutMs;
    const timeout = () => new WatchTimeoutError(`submission ${submissionId} did not finish within ${Math.round(timeoutMs / 1000)} s`, last);
    const deliver = (view: SubmissionView | null): boolean => {
      if (!view || typeof view !== 'object' || view.id !== submissionId) return false;
      if (typeof view.revision === 'number' && view.revision <= lastRevision) return last?.status === FINISHED;
      if (typeof view.revision === 'number') lastRevision = view.revision;
      last = view;
      try {
        onFrame(view);
      } catch {
        /* a display error must not stop the watch */
      }
      return view.status === FINISHED;
    };

    const viaSocket = () =>
      new Promise<SubmissionView>((resolve, reject) => {
        let settled = false;
        const ws = new WebSocket(this.wsUrl, { handshakeTimeout: Math.min(10_000, timeoutMs), headers: this.authHeaders });
        const timer = setTimeout(() => finish(timeout()), Math.max(0, deadline - Date.now()));
        const finish = (err: Error | null, value?: SubmissionView) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          ws.removeAllListeners('close');
          ws.on('error', () => undefined);
          if (ws.readyState === WebSocket.OPEN) ws.close(1000);
          else ws.terminate();
          if (err) reject(err);
          else resolve(value!);
        };
        const socketError = (message: string, cause?: unknown) => Object.assign(new ConnectionError(message, this.wsUrl, { cause }), { socket: true });
        ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId } })));
        ws.on('message', (raw) => {
          let msg: { event?: string; data?: { message?: string } & SubmissionView };
          try {
            msg = JSON.parse(raw.toString());
          } catch {
            return;
          }
          if (msg?.event === 'submission') {
            if (deliver(msg.data ?? null)) finish(null, last!);
          } else if (msg?.event === 'error') {
            const m = msg.data?.message ?? 'unknown error';
            const e = new ApiError(`WebSocket: ${m}`, /not found/i.test(m) ? 404 : 400, msg.data);
            e.fatal = true;
            finish(e);
          }
        });
        ws.on('error', (e) => finish(socketError(`WebSocket ${this.wsUrl}: ${describeCause(e)}`, e)));
        ws.on('close', (code) => finish(socketError(`WebSocket ${this.wsUrl} closed (code ${code}) before the submission finished`)));
      });

    const viaPolling = async (): Promise<SubmissionView> => {
      // The gateway answers at once when the status differs from `after`, else after waitMs.
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) throw timeout();
        const current = last as SubmissionView | null;
        const view = await this.submission(submissionId, { waitMs: Math.max(0, Math.min(20_000, left)), after: current?.status });
        if (deliver(view)) return last!;
      }
    };

    return viaSocket().catch((e) => {
      if ((e as { socket?: boolean }).socket && Date.now() < deadline) return viaPolling();
      throw e;
    });
  }
}
