import {
  ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { SubmissionStatus, SubmissionView } from '@app/contracts';
import { IdentityService } from '../auth/identity.service';
import { SubmissionsService } from '../submissions/submissions.service';
import type { AuthenticatedUpgrade } from './authenticated-ws.adapter';
import { SubmissionWatchers } from './submission-watchers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * WebSocket at `/ws`, Nest's `{ event, data }` frames. `subscribe` `{ submissionId }` answers at
 * once with `{ event: "submission", data: <the submission> }`, then one such frame per change,
 * the last with `status: "finished"`. Frames never go backwards: each carries `revision`, and a
 * frame older than the last one sent is dropped. Errors come as `{ event: "error", data: { message } }`.
 * Connections are authenticated at the upgrade (AuthenticatedWsAdapter); each subscribe checks
 * the token again (a revoked one closes the socket with 1008) and answers someone else's
 * submission exactly as an unknown one: `not found`.
 */
// Frames in are small subscribe messages: a large one is refused (ws closes with 1009).
@WebSocketGateway({ path: '/ws', maxPayload: 64 * 1024 })
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new WeakMap<WebSocket, Map<string, () => void>>();
  private readonly tokens = new WeakMap<WebSocket, string>();

  constructor(
    private readonly submissions: SubmissionsService,
    private readonly watchers: SubmissionWatchers,
    private readonly identities: IdentityService,
  ) {}

  handleConnection(client: WebSocket, req?: AuthenticatedUpgrade): void {
    // The adapter refused the upgrade without a valid token; this is a second line of defence.
    if (!req?.token) return client.close(1008, 'unauthorized');
    this.tokens.set(client, req.token);
  }

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
    const token = this.tokens.get(client);
    const viewer = token ? await this.identities.resolve(token) : null;
    if (!viewer) {
      this.send(client, 'error', { message: 'unauthorized: the token is invalid, expired or revoked' });
      return client.close(1008, 'unauthorized');
    }
    const notFound = () => this.send(client, 'error', { message: `submission ${submissionId} not found`, submissionId });
    // Ownership first: no frame of someone else's submission is ever sent.
    if (!(await this.submissions.findView(submissionId, viewer))) return notFound();
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
    const current = await this.submissions.findView(submissionId, viewer);
    if (!current) {
      subs.get(submissionId)?.();
      return notFound();
    }
    deliver(current);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): void {
    const submissionId = (body as { submissionId?: unknown } | null)?.submissionId;
    if (typeof submissionId === 'string') this.subscriptions.get(client)?.get(submissionId)?.();
  }
}
