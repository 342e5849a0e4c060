import { describeRedisError, isConnectionError, RedisErrorLog } from './redis-error-log';

function setup(intervalMs = 10_000) {
  let t = 1_000_000;
  const lines: Array<[string, string]> = [];
  const sink = { warn: (m: string) => lines.push(['warn', m]), log: (m: string) => lines.push(['log', m]) };
  const log = new RedisErrorLog(sink, intervalMs, () => t);
  return { log, lines, advance: (ms: number) => (t += ms) };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('RedisErrorLog', () => {
  it('writes one line per kind per interval, counting the rest, without a stack', () => {
    const { log, lines, advance } = setup();
    for (let i = 0; i < 50; i++) {
      log.error('queue', refused());
      log.error('commands', refused());
      advance(100);
    }
    expect(lines).toEqual([
      ['warn', 'Redis (queue): connect ECONNREFUSED 127.0.0.1:6379; reconnecting'],
      ['warn', 'Redis (commands): connect ECONNREFUSED 127.0.0.1:6379; reconnecting'],
    ]);
    advance(5000);
    log.error('queue', refused());
    expect(lines[2]).toEqual(['warn', 'Redis (queue): connect ECONNREFUSED 127.0.0.1:6379 (49 more since the last line); reconnecting']);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('says once when a failing kind is connected again, and nothing for a healthy one', () => {
    const { log, lines, advance } = setup();
    log.ready('events');
    expect(lines).toEqual([]);
    log.error('events', refused());
    advance(2500);
    log.error('events', refused());
    log.ready('events');
    log.ready('events');
    expect(lines).toEqual([
      ['warn', 'Redis (events): connect ECONNREFUSED 127.0.0.1:6379; reconnecting'],
      ['log', 'Redis (events): connected again after 2.5 s, 1 more errors since the last line'],
    ]);
    // A new outage is reported at once, not held back by the old interval.
    log.error('events', refused());
    expect(lines).toHaveLength(3);
  });

  it.each([
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'read ECONNRESET'],
    [Object.assign(new Error('Connection is closed.'), { code: 'ERR_X' }), 'ERR_X: Connection is closed.'],
    [Object.assign(new Error('Failed to refresh slots cache.'), { lastNodeError: new Error('connect ECONNREFUSED 127.0.0.1:7001') }),
      'Failed to refresh slots cache. (last node error: connect ECONNREFUSED 127.0.0.1:7001)'],
    ['plain\nsecond line', 'plain'],
  ])('describes %p in one line', (error, text) => {
    expect(describeRedisError(error)).toBe(text);
  });
});

describe('isConnectionError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }), true],
    [new Error('Connection is closed.'), true],
    [new Error('Failed to refresh slots cache.'), true],
    [new Error('Missing key for job 1. moveToFinished'), false],
  ])('%p → %p', (e, expected) => expect(isConnectionError(e)).toBe(expected));
});
