import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pipeline, Transform } from 'node:stream';
import { jsonDepth, tooDeepMessage } from './json-limits';

/** Limits of a JSON body: bytes (`MAX_BODY_BYTES`) and nesting depth (`MAX_BODY_DEPTH`). */
export interface BodyLimits {
  maxBytes: number;
  maxDepth: number;
}

/**
 * The gateway's request bodies, in place of Fastify's own parsers:
 * - `application/json` (RFC 8259; the charset, when named, must be UTF-8: else 415): at most
 *   `maxBytes` bytes as sent (413 `request body larger than N bytes`: told from Content-Length
 *   before anything is read, or when a chunked body passes the limit), nested at most `maxDepth`
 *   deep (400, checked on the raw bytes before `JSON.parse` or the DTO pipe recurse), an object
 *   or an array (body-parser's strict mode, which the gateway had on Express), `{}` when empty;
 *   a leading byte-order mark is ignored, bytes that are not UTF-8 become U+FFFD (as body-parser
 *   did); otherwise 400 `body: malformed JSON (…)`.
 * - `multipart/form-data`: left to `@fastify/multipart` (problem packages), registered apart.
 * - anything else: not read; the body is undefined, and the DTO pipe names the fields missing.
 * A JSON body sent compressed (`Content-Encoding` other than `identity` or empty) is refused with 415.
 */
export function registerBodyParsers(fastify: FastifyInstance, limits: BodyLimits): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: limits.maxBytes }, (req, bytes, done) => {
    try {
      done(null, parseJsonBody(req, bytes as Buffer, limits.maxDepth));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
  // Refused before the body is read: compression (the JSON parser would see the compressed bytes), a declared size over the limit.
  fastify.addHook('preParsing', (req, _reply, payload, done) => {
    if (!isJson(req)) return done(null, payload);
    const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      return done(new UnsupportedMediaTypeException(`content-encoding: "${req.headers['content-encoding']}" is not supported; send the body uncompressed`));
    }
    const tooLarge = () => new PayloadTooLargeException(`request body larger than ${limits.maxBytes} bytes`);
    if (req.headers['content-length'] !== undefined) return Number(req.headers['content-length']) > limits.maxBytes ? done(tooLarge()) : done(null, payload);
    // Chunked: counted as it comes, so that the answer names the limit as above (Fastify's own check would answer first, in its words).
    let seen = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        seen += chunk.length;
        next(seen > limits.maxBytes ? tooLarge() : null, chunk);
      },
    });
    done(null, pipeline(payload, counted, () => undefined));
  });
}

function isJson(req: FastifyRequest): boolean {
  return /^\s*application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

/**
 * A JSON body's value, by the rules of `registerBodyParsers`.
 * @throws UnsupportedMediaTypeException (a charset other than UTF-8), BadRequestException
 * (nested too deep, malformed, not an object or array)
 */
export function parseJsonBody(req: Pick<FastifyRequest, 'headers'>, bytes: Buffer | string, maxDepth: number): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException(`content-type: charset "${charset}" is not supported; send the body as UTF-8`);
  }
  if (bytes.length === 0) return {};
  if (jsonDepth(bytes, maxDepth) > maxDepth) throw new BadRequestException(tooDeepMessage('body', maxDepth));
  let text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') throw new BadRequestException('body: malformed JSON (the body must be a JSON object or array)');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BadRequestException(`body: malformed JSON (${(e as Error).message})`);
  }
}
