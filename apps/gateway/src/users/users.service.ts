import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { CreateUserDto, LoginResultDto, Role, UserViewDto } from '@app/contracts';
import { UserEntity, UsersRepository } from '@app/persistence';
import { AuditService } from '../audit/audit.service';
import { Identity, isAdmin } from '../auth/identity';
import { SessionsService } from '../auth/sessions.service';

/** argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): memory-hard, and quick enough for a login. */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function toUserView(u: UserEntity): UserViewDto {
  return { id: u.id, username: u.username, role: u.role, createdAt: new Date(u.createdAt).toISOString() };
}

/** Users: registration, login, and admin management (list, change role, delete). */
@Injectable()
export class UsersService {
  /** Verified against when the username is unknown, so a login takes as long either way. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates a user. Anyone may when `REGISTRATION=open` (always as `user`); otherwise admins only.
   * @throws UnauthorizedException / ForbiddenException (registration closed, or a role asked for by a non-admin), ConflictException (username taken).
   */
  async create(dto: CreateUserDto, actor: Identity | null): Promise<UserViewDto> {
    if (!isAdmin(actor)) {
      if (this.config.registration !== 'open') {
        if (!actor) throw new UnauthorizedException('registration is for admins only (REGISTRATION=admin): sign in as an admin');
        throw new ForbiddenException('registration is for admins only (REGISTRATION=admin)');
      }
      if (dto.role !== undefined && dto.role !== Role.User) throw new ForbiddenException('role: only admins may give a role other than user');
    }
    const user = { id: randomUUID(), username: dto.username, passwordHash: await argon2.hash(dto.password, PASSWORD_HASH_OPTIONS), role: dto.role ?? Role.User };
    if (!(await this.users.insert(user))) throw new ConflictException(`username: "${dto.username}" is taken`);
    await this.audit.record(actor, 'user.create', 'user', user.id, { username: user.username, role: user.role });
    return toUserView((await this.users.findById(user.id))!);
  }

  /**
   * Checks the password and starts a session.
   * @throws UnauthorizedException (unknown username or wrong password: the same message for both).
   */
  async login(username: string, password: string): Promise<LoginResultDto> {
    const user = await this.users.findByUsername(username);
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= argon2.hash('not a password', PASSWORD_HASH_OPTIONS)));
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!user || !ok) throw new UnauthorizedException('username or password is wrong');
    const { token, expiresAt } = await this.sessions.create(user.id);
    return { token, expiresAt: expiresAt.toISOString(), user: toUserView(user) };
  }

  async list(): Promise<UserViewDto[]> {
    return (await this.users.list()).map(toUserView);
  }

  /** @throws NotFoundException */
  async get(id: string): Promise<UserViewDto> {
    const u = await this.users.findById(id);
    if (!u) throw new NotFoundException(`no user ${id}`);
    return toUserView(u);
  }

  /** Changes a user's role; it counts from their next request, on every gateway. @throws NotFoundException */
  async setRole(id: string, role: Role, actor: Identity): Promise<UserViewDto> {
    if (!(await this.users.setRole(id, role))) throw new NotFoundException(`no user ${id}`);
    await this.audit.record(actor, 'user.role', 'user', id, { role });
    return this.get(id);
  }

  /** Deletes a user and ends every session of theirs at once. @throws NotFoundException */
  async delete(id: string, actor: Identity): Promise<void> {
    if (!(await this.users.delete(id))) throw new NotFoundException(`no user ${id}`);
    await this.sessions.revokeAll(id);
    await this.audit.record(actor, 'user.delete', 'user', id);
  }
}
