import pino from 'pino';
import { Writable } from 'node:stream';
import { redactingLogOptions, redactText, redactUrl } from './log-redaction';

/** A real pino logger with the gateway's redaction options, writing into `lines`. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done(); } });
  const { redact, formatters, hooks, serializers } = redactingLogOptions();
  const logger = pino({ level: 'trace', redact, formatters, hooks, serializers: serializers as pino.LoggerOptions['serializers'] }, sink);
  return { logger, lines };
}

describe('log redaction', () => {
  it('replaces secret fields at any depth, credential headers, URL tokens and bearer tokens in messages', () => {
    const { logger, lines } = capture();
    logger.info({ body: { username: 'ann', password: 'hunter2-S1', nested: [{ apiKey: 'S2', token: 'S3' }] }, key: 'S4' }, 'login');
    logger.info({ req: { url: '/ws?token=S5&x=1', query: { token: 'S5', x: '1' }, headers: { authorization: 'Bearer S6', 'x-auth-token': 'S7', cookie: 'sid=S8', accept: '*/*' } } });
    logger.warn('rejected Authorization: Bearer S9 for user ann');
    logger.error({ err: new Error('upstream said Bearer S10 is bad') });
    const out = lines.join('');
    for (const s of ['hunter2-S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10']) expect(out).not.toMatch(new RegExp(`\\b${s}\\b`));
    expect(out).toContain('"username":"ann"');
    expect(out).toContain('/ws?token=[redacted]&x=1');
    expect(out).toContain('"query":{"token":"[redacted]","x":"1"}');
    expect(out).toContain('"accept":"*/*"');
    expect(out).toContain('rejected Authorization: Bearer [redacted] for user ann');
  });

  it('redactUrl and redactText leave everything else alone', () => {
    expect(redactUrl('/api/v1/problems?limit=5&api_key=abc&cursor=x')).toBe('/api/v1/problems?limit=5&api_key=[redacted]&cursor=x');
    expect(redactUrl('/api/v1/problems')).toBe('/api/v1/problems');
    expect(redactText('a bearer of news')).toBe('a bearer [redacted] news');
    expect(redactText('no secrets here')).toBe('no secrets here');
  });
});
