import { ArgumentsHost, Logger } from '@nestjs/common';
import { DATABASE_RETRY_AFTER_S, HttpExceptionFilter } from './http-exception.filter';

/** What the filter answers `exception` with, through a stand-in HTTP adapter (the platform's answer calls). */
function answer(exception: unknown, request: unknown = { raw: {} }) {
  const res = { headers: {} as Record<string, string>, code: 0, body: undefined as unknown };
  const response = {};
  const adapter = {
    setHeader: (r: unknown, k: string, v: string) => { expect(r).toBe(response); res.headers[k.toLowerCase()] = v; },
    reply: (r: unknown, b: unknown, c: number) => { expect(r).toBe(response); res.code = c; res.body = b; },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter(adapter).catch(exception, host);
  return res;
}

describe(HttpExceptionFilter.name, () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));

  it('an unreachable database is 503 with Retry-After, never 500', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const res = answer(e);
    expect(res.code).toBe(503);
    expect(res.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_S));
    expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('database is unreachable') });
  });

  it('a connection lost in the middle of a query (TypeORM QueryFailedError) is 503 too', () => {
    expect(answer(Object.assign(new Error('Query failed'), { driverError: new Error('Connection terminated unexpectedly') })).code).toBe(503);
  });

  it('any other unknown error is a 500 that names no internals, logged with its stack and the request it answers', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = answer(Object.assign(new Error('duplicate key value violates unique constraint "pk"'), { code: '23505' }), { raw: {}, id: 'req-7', method: 'POST', url: '/api/v1/x?token=s3cret&a=1' });
    expect(res).toMatchObject({ code: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' } });
    expect(res.headers['retry-after']).toBeUndefined();
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^request req-7: POST \/api\/v1\/x\?token=\[redacted\]&a=1: Error: duplicate key value[^]*at /));
  });

  it("a library's client error (http-errors, expose) keeps its 4xx and headers: a Range a file cannot satisfy is 416", () => {
    const range = Object.assign(new Error('Range Not Satisfiable'), { status: 416, statusCode: 416, expose: true, headers: { 'Content-Range': 'bytes */120' } });
    const res = answer(range);
    expect(res).toMatchObject({ code: 416, body: { statusCode: 416, error: 'Range Not Satisfiable', message: 'request: Range Not Satisfiable' } });
    expect(res.headers['content-range']).toBe('bytes */120');
    expect(answer(Object.assign(new Error('secret internals'), { status: 500, expose: false })).code).toBe(500);
    expect(answer(Object.assign(new Error('not for the client'), { status: 404 })).code).toBe(500);
  });

  it("Fastify's client errors from a plugin (a path @fastify/static refuses: 403) keep their status", () => {
    const forbidden = Object.assign(new Error('Forbidden'), { statusCode: 403, code: 'FST_FORBIDDEN_PATH' });
    expect(answer(forbidden)).toMatchObject({ code: 403, body: { statusCode: 403, error: 'Forbidden' } });
  });

  it('a request whose client closed the connection mid-body is no database outage: 400, nothing logged as one', () => {
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(answer(reset, { raw: { readableAborted: true } })).toMatchObject({ code: 400, body: { message: 'request: the connection closed before the body was read' } });
    expect(answer(reset).code).toBe(503);
  });
});
