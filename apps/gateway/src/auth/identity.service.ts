import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ApiKeysRepository, UsersRepository } from '@app/persistence';
import { ADMIN_TOKEN_IDENTITY, Identity } from './identity';
import { SessionsService } from './sessions.service';
import { KEY_PREFIX, matchesDigest, secretDigest, SESSION_PREFIX, sha256 } from './tokens';

/**
 * Turns a bearer token into an identity: `ADMIN_TOKEN`, an API key (looked up by its SHA-256 in
 * the database) or a session token (Redis, then the user's current row). Nothing is cached in
 * the process, so a revoked key, an ended session, a deleted user or a changed role count on the
 * next request, on every gateway.
 */
@Injectable()
export class IdentityService {
  /** `ADMIN_TOKEN`'s digest, hashed once instead of on every request (kept with the token it was made from). */
  private admin?: { token: string; digest: Buffer };

  constructor(
    private readonly config: AppConfig,
    private readonly keys: ApiKeysRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
  ) {}

  /** The identity `token` stands for, or null when it stands for none (unknown, revoked, expired). */
  async resolve(token: string): Promise<Identity | null> {
    const admin = this.config.adminToken;
    if (admin) {
      if (this.admin?.token !== admin) this.admin = { token: admin, digest: secretDigest(admin) };
      if (matchesDigest(token, this.admin.digest)) return ADMIN_TOKEN_IDENTITY;
    }
    // Keys and session tokens are 47 characters: anything much longer is no lookup's worth.
    if (token.length > 200) return null;
    if (token.startsWith(KEY_PREFIX)) {
      const key = await this.keys.findByHash(sha256(token));
      return key ? { id: `key:${key.id}`, kind: 'key', name: key.name, role: key.role } : null;
    }
    if (token.startsWith(SESSION_PREFIX)) {
      const userId = await this.sessions.resolve(token);
      const user = userId ? await this.users.findById(userId) : null;
      return user ? { id: `user:${user.id}`, kind: 'user', name: user.username, role: user.role } : null;
    }
    return null;
  }
}
