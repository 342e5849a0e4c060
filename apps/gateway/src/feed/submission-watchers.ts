import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { SubmissionView } from '@app/contracts';

type Listener = (view: SubmissionView) => void;

/**
 * In-process fan-out of `submission.updated` events to whoever waits on one submission in this
 * gateway: WebSocket subscriptions and long-poll requests. `closing` resolves when the gateway
 * begins to shut down, so that waits end at once (a long poll answers with the state then).
 */
@Injectable()
export class SubmissionWatchers implements BeforeApplicationShutdown {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** When each watched submission last had an update (or its first watcher), ms since the epoch. */
  private readonly lastUpdate = new Map<string, number>();

  /** The clock (tests set their own). */
  now: () => number = Date.now;

  private shutDown!: () => void;
  readonly closing = new Promise<void>((resolve) => (this.shutDown = resolve));

  beforeApplicationShutdown(): void {
    this.shutDown();
  }

  /** Calls `listener` for every update of `submissionId`; returns the function that stops it (safe to call twice). */
  watch(submissionId: string, listener: Listener): () => void {
    let set = this.listeners.get(submissionId);
    if (!set) {
      this.listeners.set(submissionId, (set = new Set()));
      this.lastUpdate.set(submissionId, this.now());
    }
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0 && this.listeners.get(submissionId) === set) {
        this.listeners.delete(submissionId);
        this.lastUpdate.delete(submissionId);
      }
    };
  }

  emit(view: SubmissionView): void {
    if (this.lastUpdate.has(view.id)) this.lastUpdate.set(view.id, this.now());
    for (const l of [...(this.listeners.get(view.id) ?? [])]) l(view);
  }

  /** Watched submissions without an update for `ms` or more. */
  quietFor(ms: number): string[] {
    const before = this.now() - ms;
    return [...this.lastUpdate].filter(([, at]) => at <= before).map(([id]) => id);
  }

  /** Number of submissions being watched (for metrics). */
  get size(): number {
    return this.listeners.size;
  }
}
