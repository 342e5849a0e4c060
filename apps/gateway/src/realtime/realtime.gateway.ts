import {
  ConnectedSocket, MessageBody, OnGatewayDisconnect, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { SubmissionStatus, SubmissionView } from '@app/contracts';
import { SubmissionsService } from '../submissions/submissions.service';
import { SubmissionWatchers } from './submission-watchers';
import { SubscriptionDto, validateFrame } from './subscription.dto';

/**
 * WebSocket at `/ws`, Nest's `{ event, data }` frames. `subscribe` `{ submissionId }` answers at
 * once with `{ event: "submission", data: <the submission> }`, then one such frame per change,
 * the last with `status: "finished"`. Frames never go backwards: each carries `revision`, and a
 * frame older than the last one sent is dropped. Errors come as `{ event: "error", data: { message } }`:
 * a `data` that is not `{ submissionId: <UUID> }` (unknown fields refused), an unknown submission,
 * and (CheckedWsAdapter) malformed, too deep or unknown frames.
 */
// Frames in are small subscribe messages: a large one is refused (ws closes with 1009).
@WebSocketGateway({ path: '/ws', maxPayload: 64 * 1024 })
export class RealtimeGateway implements OnGatewayDisconnect {
  private readonly subscriptions = new WeakMap<WebSocket, Map<string, () => void>>();

  constructor(
    private readonly submissions: SubmissionsService,
    private readonly watchers: SubmissionWatchers,
  ) {}

  handleDisconnect(client: WebSocket): void {
    for (const stop of this.subscriptions.get(client)?.values() ?? []) stop();
    this.subscriptions.delete(client);
  }

  private send(client: WebSocket, event: string, data: unknown): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ event, data }));
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): Promise<void> {
    const frame = validateFrame(SubscriptionDto, body);
    if ('error' in frame) return this.send(client, 'error', { message: frame.error });
    const { submissionId } = frame.value;
    let subs = this.subscriptions.get(client);
    if (!subs) this.subscriptions.set(client, (subs = new Map()));
    if (subs.has(submissionId)) return;
    let last = -1;
    const deliver = (view: SubmissionView) => {
      if (view.revision <= last) return;
      last = view.revision;
      this.send(client, 'submission', view);
      if (view.status === SubmissionStatus.Finished) subs!.get(submissionId)?.();
    };
    // Watch before reading, so no change between the read and the watch is missed.
    const stop = this.watchers.watch(submissionId, deliver);
    subs.set(submissionId, () => {
      stop();
      subs!.delete(submissionId);
    });
    const current = await this.submissions.findView(submissionId);
    if (!current) {
      subs.get(submissionId)?.();
      return this.send(client, 'error', { message: `submission ${submissionId} not found`, submissionId });
    }
    deliver(current);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): void {
    const frame = validateFrame(SubscriptionDto, body);
    if ('error' in frame) return this.send(client, 'error', { message: frame.error });
    this.subscriptions.get(client)?.get(frame.value.submissionId)?.();
  }
}
