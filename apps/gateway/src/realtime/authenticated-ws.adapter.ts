import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { IncomingMessage } from 'node:http';
import type { Identity } from '../auth/identity';
import { IdentityService } from '../auth/identity.service';
import { tokenOf } from '../auth/tokens';

/** What the upgrade leaves on the request for `handleConnection`: the identity and its token. */
export interface AuthenticatedUpgrade extends IncomingMessage {
  identity?: Identity;
  token?: string;
}

/**
 * Nest's `ws` adapter with authentication at the upgrade (ws `verifyClient`): the token comes
 * from `Authorization: Bearer`, `X-Auth-Token` or `?token=` (browsers cannot set headers on a
 * WebSocket). A missing or bad token is refused with HTTP 401 before any frame is exchanged.
 */
export class AuthenticatedWsAdapter extends WsAdapter {
  constructor(app: INestApplicationContext, private readonly identities: IdentityService) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}): unknown {
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
