import { ServerRedis } from '@nestjs/microservices';
import type { RedisKeys } from '@app/config';

/**
 * The Nest Redis transport server with every handler's pattern put in the stack's namespace:
 * `@MessagePattern(JudgeMessages.Status)` listens on `<ns>:judge.status`. Decorators carry the
 * bare names, so nothing reads the environment at import; the namespace comes from the
 * validated config when the server is made (`redisTransportStrategy`).
 */
export class NamespacedRedisServer extends ServerRedis {
  constructor(
    options: ConstructorParameters<typeof ServerRedis>[0],
    private readonly keys: RedisKeys,
  ) {
    super(options);
  }

  override addHandler(pattern: unknown, callback: Parameters<ServerRedis['addHandler']>[1], isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(this.keys.channel(this.normalizePattern(pattern as string)), callback, isEventHandler, extras);
  }
}
