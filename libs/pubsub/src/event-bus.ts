import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { AppConfig, RedisKeys } from '@app/config';
import { EventPayloads } from '@app/contracts';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * The Nest Redis transport as the stack's event bus: `publish` emits an event every subscriber
 * (every gateway) receives; `request` sends a message pattern one judge answers.
 * Names are namespaced (`RedisKeys.channel`) so stacks sharing a Redis do not hear each other;
 * the listening side does the same in `NamespacedRedisServer`.
 */
@Injectable()
export class EventBus implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly keys: RedisKeys;

  constructor(@Inject(REDIS_CLIENT) private readonly client: ClientProxy, config: AppConfig) {
    this.keys = config.redisKeys;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }

  /** Publishes `event` with its typed payload; resolves once Redis has it. */
  async publish<E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]): Promise<void> {
    await firstValueFrom(this.client.emit(this.keys.channel(event), payload), { defaultValue: undefined });
  }

  /**
   * Sends `pattern` and resolves with the first answer.
   * @throws rxjs `TimeoutError` when nobody answers within `timeoutMs`.
   */
  async request<T>(pattern: string, data: unknown, timeoutMs = 2000): Promise<T> {
    return await firstValueFrom(this.client.send<T>(this.keys.channel(pattern), data ?? {}).pipe(timeout(timeoutMs)));
  }
}
