import { Role } from '@app/contracts';

/**
 * Who makes a request. `id` is what submissions record as their owner: `user:<uuid>` for a
 * signed-in user, `key:<uuid>` for an API key, `admin-token` for `ADMIN_TOKEN`.
 */
export interface Identity {
  id: string;
  kind: 'user' | 'key' | 'admin-token';
  /** Username, key name, or `admin` for the token. */
  name: string;
  role: Role;
}

export const ADMIN_TOKEN_IDENTITY: Identity = Object.freeze({ id: 'admin-token', kind: 'admin-token', name: 'admin', role: Role.Admin });

export const isAdmin = (identity: Identity | null | undefined): boolean => identity?.role === Role.Admin;
