import Fastify, { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { Writable } from 'node:stream';
import { redactingLogOptions } from './log-redaction';
import { registerRequestLog, requestLogLevel } from './request-log';

/** A Fastify app whose routes answer the status in their path, logging to `lines` through a root logger built as nestjs-pino builds it (pino-http's options). */
async function app(level: string): Promise<{ fastify: FastifyInstance; lines: Array<Record<string, any>>; serialized: () => number }> {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({ write: (chunk, _enc, cb) => { lines.push(JSON.parse(String(chunk))); cb(); } });
  let serialized = 0;
  const options = redactingLogOptions();
  const req = options.serializers!.req as (r: unknown) => unknown;
  const logger: Logger = pinoHttp({ level, ...options, serializers: { ...options.serializers, req: (r: unknown) => (serialized++, req(r)) } }, stream).logger;
  const fastify = Fastify();
  registerRequestLog(fastify, () => logger);
  fastify.get('/status/:code', async (request, reply) => reply.code(Number((request.params as { code: string }).code)).send({ ok: true }));
  await fastify.ready();
  return { fastify, lines, serialized: () => serialized };
}

describe(requestLogLevel.name, () => {
  it.each([[200, 'debug'], [202, 'debug'], [404, 'debug'], [429, 'debug'], [500, 'error'], [502, 'error'], [503, 'warn']])('%i → %s', (code, level) => {
    expect(requestLogLevel(code)).toBe(level);
  });
});

describe(registerRequestLog.name, () => {
  let fastify: FastifyInstance | undefined;
  afterEach(() => fastify?.close());

  it('logs one line per answered request at debug, with the request (credentials redacted), the answer and its time', async () => {
    const a = await app('debug');
    fastify = a.fastify;
    await fastify.inject({ method: 'GET', url: '/status/202?token=secret-q', headers: { authorization: 'Bearer secret-h', 'x-auth-token': 'secret-x' } });
    expect(a.lines).toHaveLength(1);
    const [line] = a.lines;
    expect(line).toMatchObject({
      level: 20, msg: 'request completed',
      req: { method: 'GET', url: '/status/202?token=[redacted]', headers: { authorization: '[redacted]', 'x-auth-token': '[redacted]' } },
      res: { statusCode: 202 },
    });
    expect(typeof line.req.id).toBe('string');
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/secret-/);
  });

  it('a 5xx is an error line naming the status; a 503 a warning without an error', async () => {
    const a = await app('info');
    fastify = a.fastify;
    await fastify.inject({ method: 'GET', url: '/status/500' });
    await fastify.inject({ method: 'GET', url: '/status/503' });
    await fastify.inject({ method: 'GET', url: '/status/200' });
    expect(a.lines.map((l) => [l.level, l.msg, l.res.statusCode, l.err?.message])).toEqual([
      [50, 'request errored', 500, 'failed with status code 500'],
      [40, 'request completed', 503, undefined],
    ]);
  });

  it('builds nothing for a line whose level is off: the request is not serialized', async () => {
    const a = await app('info');
    fastify = a.fastify;
    for (let i = 0; i < 5; i++) await fastify.inject({ method: 'GET', url: '/status/202' });
    expect(a.lines).toEqual([]);
    expect(a.serialized()).toBe(0);
  });
});
