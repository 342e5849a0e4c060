import type { INestApplicationContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Identity } from '../auth/identity';
import { IdentityService } from '../auth/identity.service';
import { tokenOf } from '../auth/tokens';
import type { Server } from 'ws';
import { CheckedWsAdapter } from './checked-ws.adapter';
import { applyConnectionPolicy, closeGoingAway, WsCloseCode } from './ws-connections';

/** What the upgrade leaves on the request for `handleConnection`: the identity and its token. */
export interface AuthenticatedUpgrade extends IncomingMessage {
  identity?: Identity;
  token?: string;
}

/**
 * The gateway's `ws` adapter: frames checked as CheckedWsAdapter does, and authentication at the upgrade (ws `verifyClient`): the token comes
 * from `Authorization: Bearer`, `X-Auth-Token` or `?token=` (browsers cannot set headers on a
 * WebSocket). A missing or bad token is refused with HTTP 401 before any frame is exchanged.
 * Every connection follows `applyConnectionPolicy` (heartbeat, bounded send buffer: `connection`);
 * at shutdown clients are closed with 1001 (going away) before the server stops.
 */
export class AuthenticatedWsAdapter extends CheckedWsAdapter {
  constructor(
    app: INestApplicationContext,
    maxDepth: number,
    private readonly identities: IdentityService,
    private readonly connection: { pingIntervalMs: number; maxBufferedBytes: number },
  ) {
    super(app, maxDepth);
  }

  override async close(server: Server): Promise<void> {
    await closeGoingAway(server);
    await super.close(server);
  }

  override create(port: number, options: Record<string, unknown> = {}): unknown {
    const server = this.createAuthenticated(port, options) as Server;
    applyConnectionPolicy(server, this.connection);
    return server;
  }

  private createAuthenticated(port: number, options: Record<string, unknown>): unknown {
    return super.create(port, {
      ...options,
      verifyClient: (info: { req: AuthenticatedUpgrade }, done: (ok: boolean, code?: number, message?: string) => void) => {
        const token = tokenOf(info.req.headers, info.req.url);
        if (!token) return done(false, 401, 'Unauthorized');
        this.identities.resolve(token).then(
          (identity) => {
            if (!identity) return done(false, 401, 'Unauthorized');
            info.req.identity = identity;
            info.req.token = token;
            done(true);
          },
          () => done(false, 503, 'Service Unavailable'),
        );
      },
    });
  }
}
