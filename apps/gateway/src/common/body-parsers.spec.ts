import { HttpException } from '@nestjs/common';
import fastify from 'fastify';
import { Readable } from 'node:stream';
import { registerBodyParsers } from './body-parsers';

/** A bare Fastify instance with the gateway's parsers, answering the body it got (or the error's status and message). */
async function server() {
  const app = fastify();
  registerBodyParsers(app, { maxBytes: 64, maxDepth: 3 });
  app.setErrorHandler((e: Error & { statusCode?: number }, _req, reply) => {
    const status = e instanceof HttpException ? e.getStatus() : e.statusCode ?? 500;
    void reply.status(status).send({ status, message: e.message });
  });
  app.post('/', async (req) => ({ body: req.body === undefined ? 'undefined' : req.body }));
  await app.ready();
  return app;
}

describe('registerBodyParsers', () => {
  let app: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => (app = await server()));
  afterAll(() => app.close());
  const post = async (payload: string | Buffer | Readable, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const r = await app.inject({ method: 'POST', url: '/', payload, headers });
    return { status: r.statusCode, ...r.json() };
  };

  it('parses a JSON object or array, UTF-8 named or not; an empty body is {}', async () => {
    expect(await post('{"a":[1,{"b":"é"}]}')).toEqual({ status: 200, body: { a: [1, { b: 'é' }] } });
    expect(await post('[1]', { 'content-type': 'application/json; charset=UTF-8' })).toEqual({ status: 200, body: [1] });
    expect(await post('')).toEqual({ status: 200, body: {} });
  });

  it.each([
    ['malformed', '{"a":', 400, /^body: malformed JSON \(/],
    ['a scalar', '"just a string"', 400, /^body: malformed JSON \(the body must be a JSON object or array\)$/],
    ['nested past the depth', '{"a":[{"b":[1]}]}', 400, /^body: nesting depth over 3 /],
  ])('refuses a body %s with a 400 naming the body', async (_what, payload, status, message) => {
    const r = await post(payload);
    expect(r.status).toBe(status);
    expect(r.message).toMatch(message);
  });

  it('refuses another charset and a compressed body with 415, a declared size over the limit with 413', async () => {
    expect(await post('{}', { 'content-type': 'application/json; charset=latin1' })).toMatchObject({ status: 415, message: expect.stringMatching(/^content-type: charset "latin1"/) });
    expect(await post('{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toMatchObject({ status: 415, message: expect.stringMatching(/^content-encoding: "gzip"/) });
    expect(await post(`{"a":"${'x'.repeat(100)}"}`)).toEqual({ status: 413, message: 'request body larger than 64 bytes' });
  });

  it('a chunked body (no Content-Length) over the limit is 413 naming it too; one within it parses', async () => {
    const chunked = (text: string) => Readable.from([Buffer.from(text.slice(0, 10)), Buffer.from(text.slice(10))]);
    expect(await post(chunked(`{"a":"${'x'.repeat(100)}"}`))).toEqual({ status: 413, message: 'request body larger than 64 bytes' });
    expect(await post(chunked('{"a":"0123456789abcdef"}'))).toEqual({ status: 200, body: { a: '0123456789abcdef' } });
  });

  it('ignores a byte-order mark, an empty Content-Encoding; bytes that are not UTF-8 become U+FFFD, the limit counted on the bytes sent', async () => {
    expect(await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]))).toEqual({ status: 200, body: { a: 1 } });
    expect(await post('{"a":1}', { 'content-type': 'application/json', 'content-encoding': '' })).toEqual({ status: 200, body: { a: 1 } });
    expect(await post(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(50, 0xff), Buffer.from('"}')]))).toEqual({ status: 200, body: { a: '\ufffd'.repeat(50) } });
  });

  it('leaves other content types unread: the body is undefined', async () => {
    expect(await post('language=c', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({ status: 200, body: 'undefined' });
    expect(await post('{"a":1}', { 'content-type': 'text/plain' })).toEqual({ status: 200, body: 'undefined' });
  });
});
