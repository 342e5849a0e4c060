import {
  ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { SubmissionStatus, SubmissionView } from '@app/contracts';
import { IdentityService } from '../auth/identity.service';
import { SubmissionFeed } from '../feed/submission-feed';
import type { AuthenticatedUpgrade } from './authenticated-ws.adapter';
import { SubscriptionDto, validateFrame } from './subscription.dto';
import { WsCloseCode } from './ws-connections';

/**
 * WebSocket at `/ws`, Nest's `{ event, data }` frames. `subscribe` `{ submissionId }` answers at
 * once with `{ event: "submission", data: <the submission> }`, then one such frame per change,
 * the last with `status: "finished"`. Frames never go backwards: each carries `revision`, and a
 * frame older than the last one sent is dropped. Errors come as `{ event: "error", data: { message } }`:
 * a `data` that is not `{ submissionId: <UUID> }` (unknown fields refused), an unknown submission,
 * and (CheckedWsAdapter) malformed, too deep or unknown frames. Connections are authenticated at
 * the upgrade (AuthenticatedWsAdapter); each subscribe checks the token again (a revoked one
 * closes the socket with 1008) and answers someone else's submission exactly as an unknown one:
 * `not found`.
 */
// Frames in are small subscribe messages: a large one is refused (ws closes with 1009).
@WebSocketGateway({ path: '/ws', maxPayload: 64 * 1024 })
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new WeakMap<WebSocket, Map<string, () => void>>();
  private readonly tokens = new WeakMap<WebSocket, string>();
  /**
   * Each update's frame, encoded once: every subscriber of a submission is handed the same view
   * object (SubmissionWatchers.emit), so K subscribers cost one JSON.stringify and one UTF-8
   * encoding, not K.
   */
  private readonly frames = new WeakMap<SubmissionView, Buffer>();

  constructor(
    private readonly feed: SubmissionFeed,
    private readonly identities: IdentityService,
  ) {}

  handleConnection(client: WebSocket, req?: AuthenticatedUpgrade): void {
    // The adapter refused the upgrade without a valid token; this is a second line of defence.
    if (!req?.token) return client.close(WsCloseCode.Unauthorized, 'unauthorized');
    this.tokens.set(client, req.token);
  }

  handleDisconnect(client: WebSocket): void {
    for (const stop of this.subscriptions.get(client)?.values() ?? []) stop();
    this.subscriptions.delete(client);
  }

  private send(client: WebSocket, event: string, data: unknown): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ event, data }));
  }

  /** A `submission` frame, as text (a Buffer sent with `binary: false` is a text frame). */
  private sendView(client: WebSocket, view: SubmissionView): void {
    if (client.readyState !== client.OPEN) return;
    let frame = this.frames.get(view);
    if (!frame) this.frames.set(view, (frame = Buffer.from(JSON.stringify({ event: 'submission', data: view }))));
    client.send(frame, { binary: false });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): Promise<void> {
    const frame = validateFrame(SubscriptionDto, body);
    if ('error' in frame) return this.send(client, 'error', { message: frame.error });
    const { submissionId } = frame.value;
    const token = this.tokens.get(client);
    const viewer = token ? await this.identities.resolve(token) : null;
    if (!viewer) {
      this.send(client, 'error', { message: 'unauthorized: the token is invalid, expired or revoked' });
      return client.close(WsCloseCode.Unauthorized, 'unauthorized');
    }
    const notFound = () => this.send(client, 'error', { message: `submission ${submissionId} not found`, submissionId });
    let subs = this.subscriptions.get(client);
    if (!subs) this.subscriptions.set(client, (subs = new Map()));
    if (subs.has(submissionId)) return;
    let last = -1;
    let stopWatch: (() => void) | null = null;
    let ended = false;
    // No frame goes out before the read has shown the submission is the viewer's. An update that
    // comes earlier is kept (the newest one): the read may have started before the judge saved
    // it, and the judge publishes once, so dropping it could leave the client without its final.
    let confirmed = false;
    let early: SubmissionView | null = null;
    const end = () => {
      ended = true;
      stopWatch?.();
      if (subs!.get(submissionId) === end) subs!.delete(submissionId);
    };
    const deliver = (view: SubmissionView) => {
      if (!ended && !confirmed && view.revision > (early?.revision ?? -1)) early = view;
      if (ended || !confirmed || view.revision <= last) return;
      last = view.revision;
      this.sendView(client, view);
      if (view.status === SubmissionStatus.Finished) end();
    };
    // Registered before the read: a second subscribe meanwhile is a no-op, an unsubscribe ends it.
    subs.set(submissionId, end);
    let watch;
    try {
      watch = await this.feed.open(submissionId, deliver, viewer);
    } catch (e) {
      end();
      throw e;
    }
    stopWatch = watch.stop;
    if (ended) return watch.stop();
    if (!watch.current) {
      end();
      return notFound();
    }
    confirmed = true;
    deliver(watch.current);
    if (early) deliver(early);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): void {
    const frame = validateFrame(SubscriptionDto, body);
    if ('error' in frame) return this.send(client, 'error', { message: frame.error });
    this.subscriptions.get(client)?.get(frame.value.submissionId)?.();
  }
}
