import { ServerRedis } from '@nestjs/microservices';
import { RedisKeys } from '@app/config';
import { NamespacedRedisServer } from './namespaced-redis.server';

describe('NamespacedRedisServer', () => {
  const server = new NamespacedRedisServer({}, new RedisKeys('ns'), { kind: 'standalone', url: 'redis://127.0.0.1:6379' } as never);
  // Nest's own, for comparison (protected on its class).
  const nest = new ServerRedis({}) as unknown as { getRouteFromPattern(pattern: string): string };

  it('routes a plain channel name as Nest does, without trying it as JSON', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(server.getRouteFromPattern('ns:submission.updated')).toBe('ns:submission.updated');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    expect(nest.getRouteFromPattern('ns:submission.updated')).toBe('ns:submission.updated');
  });

  it('routes JSON patterns as Nest does', () => {
    for (const pattern of ['{"cmd":"sum","role":"math"}', '["a"]', '{not json']) {
      expect(server.getRouteFromPattern(pattern)).toBe(nest.getRouteFromPattern(pattern));
    }
  });
});
