import {
  ConnectedSocket, MessageBody, OnGatewayDisconnect, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { SubmissionStatus, SubmissionView } from '@app/contracts';
import { SubmissionFeed } from '../feed/submission-feed';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * WebSocket at `/ws`, Nest's `{ event, data }` frames. `subscribe` `{ submissionId }` answers at
 * once with `{ event: "submission", data: <the submission> }`, then one such frame per change,
 * the last with `status: "finished"`. Frames never go backwards: each carries `revision`, and a
 * frame older than the last one sent is dropped. Errors come as `{ event: "error", data: { message } }`.
 */
// Frames in are small subscribe messages: a large one is refused (ws closes with 1009).
@WebSocketGateway({ path: '/ws', maxPayload: 64 * 1024 })
export class RealtimeGateway implements OnGatewayDisconnect {
  private readonly subscriptions = new WeakMap<WebSocket, Map<string, () => void>>();

  constructor(private readonly feed: SubmissionFeed) {}

  handleDisconnect(client: WebSocket): void {
    for (const stop of this.subscriptions.get(client)?.values() ?? []) stop();
    this.subscriptions.delete(client);
  }

  private send(client: WebSocket, event: string, data: unknown): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ event, data }));
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): Promise<void> {
    const submissionId = (body as { submissionId?: unknown } | null)?.submissionId;
    if (typeof submissionId !== 'string' || !UUID.test(submissionId)) {
      return this.send(client, 'error', { message: 'submissionId must be a submission id (UUID)' });
    }
    let subs = this.subscriptions.get(client);
    if (!subs) this.subscriptions.set(client, (subs = new Map()));
    if (subs.has(submissionId)) return;
    let last = -1;
    let stopWatch: (() => void) | null = null;
    let ended = false;
    const end = () => {
      ended = true;
      stopWatch?.();
      if (subs!.get(submissionId) === end) subs!.delete(submissionId);
    };
    const deliver = (view: SubmissionView) => {
      if (ended || view.revision <= last) return;
      last = view.revision;
      this.send(client, 'submission', view);
      if (view.status === SubmissionStatus.Finished) end();
    };
    // Registered before the read: a second subscribe meanwhile is a no-op, an unsubscribe ends it.
    subs.set(submissionId, end);
    let watch;
    try {
      watch = await this.feed.open(submissionId, deliver);
    } catch (e) {
      end();
      throw e;
    }
    stopWatch = watch.stop;
    if (ended) return watch.stop();
    if (!watch.current) {
      end();
      return this.send(client, 'error', { message: `submission ${submissionId} not found`, submissionId });
    }
    deliver(watch.current);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): void {
    const submissionId = (body as { submissionId?: unknown } | null)?.submissionId;
    if (typeof submissionId === 'string') this.subscriptions.get(client)?.get(submissionId)?.();
  }
}
