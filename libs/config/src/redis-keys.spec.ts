import { RedisKeys } from './redis-keys';

describe('RedisKeys', () => {
  it.each([
    ['channel', (k: RedisKeys) => k.channel('submission.updated'), 'ns1:submission.updated'],
    ['queue prefix', (k: RedisKeys) => k.queuePrefix, 'ns1:bull'],
    ['problem cache', (k: RedisKeys) => k.problem('aplusb'), 'ns1:cache:problem:aplusb'],
    ['problem list cache', (k: RedisKeys) => k.problemList, 'ns1:cache:problems'],
    ['cache pattern', (k: RedisKeys) => k.cachePattern, 'ns1:cache:*'],
    ['everything', (k: RedisKeys) => k.everything, 'ns1:*'],
  ])('%s', (_name, make, expected) => {
    expect(make(new RedisKeys('ns1'))).toBe(expected);
  });
});

describe('RedisKeys on a cluster', () => {
  it('hash-tags the queue prefix (one slot per queue) and keeps the rest in the namespace', () => {
    const k = new RedisKeys('ns1', true);
    expect(k.queuePrefix).toBe('ns1:{bull}');
    expect(k.queuePrefix).toMatch(/^ns1:/);
    expect(k.channel('submission.updated')).toBe('ns1:submission.updated');
  });
});
