import { ClientRedis, ServerRedis } from '@nestjs/microservices';
import type { RedisKeys, RedisTopology } from '@app/config';
import { createRedisClient, RedisClient } from '@app/redis';

type ServerOptions = ConstructorParameters<typeof ServerRedis>[0];
type ClientOptions = ConstructorParameters<typeof ClientRedis>[0];
type NestRedis = ReturnType<ClientRedis['createClient']>;

/** A Nest transport connection from the one factory (standalone, sentinel or cluster). */
function transportConnection(topology: RedisTopology, kind: string): NestRedis {
  // Nest connects it itself; publishes wait for a reconnect rather than fail an event.
  const client: RedisClient = createRedisClient(topology, kind, { lazyConnect: true, maxRetriesPerRequest: null });
  // Nest types its clients as ioredis' Redis; a Cluster offers the same pub/sub calls.
  return client as NestRedis;
}

/**
 * The Nest Redis transport server with every handler's pattern put in the stack's namespace:
 * `@MessagePattern(JudgeMessages.Status)` listens on `<ns>:judge.status`. Decorators carry the
 * bare names, so nothing reads the environment at import; the namespace comes from the
 * validated config when the server is made (`redisTransportStrategy`). Its connections come from
 * `createRedisClient` (kind `events-listener`), whose rate-limited log replaces Nest's line per
 * error and per reconnect attempt.
 */
export class NamespacedRedisServer extends ServerRedis {
  constructor(
    options: ServerOptions,
    private readonly keys: RedisKeys,
    private readonly topology: RedisTopology,
  ) {
    super(options);
  }

  override addHandler(pattern: unknown, callback: Parameters<ServerRedis['addHandler']>[1], isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(this.keys.channel(this.normalizePattern(pattern as string)), callback, isEventHandler, extras);
  }

  /**
   * The handler's route for an incoming channel. Nest's tries `JSON.parse` on every name first,
   * which for our plain names (`<ns>:submission.updated`) throws and catches a SyntaxError per
   * event a gateway hears; JSON-looking patterns still go through Nest's.
   */
  override getRouteFromPattern(pattern: string): string {
    return pattern.startsWith('{') || pattern.startsWith('[') ? super.getRouteFromPattern(pattern) : this.normalizePattern(pattern);
  }

  override createRedisClient(): NestRedis {
    return transportConnection(this.topology, 'events-listener');
  }

  override registerErrorListener(): void {
    // createRedisClient's listener logs, rate-limited.
  }

  override registerReconnectListener(client: NestRedis): void {
    client.on('reconnecting', () => {
      if (!this.isManuallyClosed) this._status$.next('reconnecting' as never);
    });
  }
}

/**
 * The Nest Redis transport client (events out, message patterns to judges) on connections from
 * `createRedisClient` (kind `events`), quiet on reconnects like `NamespacedRedisServer`.
 */
export class FactoryRedisClient extends ClientRedis {
  constructor(
    options: ClientOptions,
    private readonly topology: RedisTopology,
  ) {
    super(options);
  }

  override createClient(): NestRedis {
    return transportConnection(this.topology, 'events');
  }

  override registerErrorListener(): void {
    // createRedisClient's listener logs, rate-limited.
  }

  override registerReconnectListener(client: NestRedis): void {
    client.on('reconnecting', () => {
      if (this.isManuallyClosed) return;
      this.connectionPromise = Promise.reject(new Error('Connection lost. Trying to reconnect...'));
      this.connectionPromise.catch(() => undefined);
      this._status$.next('reconnecting' as never);
    });
  }
}
