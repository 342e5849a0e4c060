import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger, LevelWithSilent } from 'pino';

/**
 * The level of a request's log line: an answer the gateway gives on purpose when a dependency is
 * down or the queue is full (503, with Retry-After; its cause was logged where it was found) is a
 * warning, any other 5xx an error, everything else debug (silent at the default LOG_LEVEL).
 */
export function requestLogLevel(statusCode: number): LevelWithSilent {
  return statusCode === 503 ? 'warn' : statusCode >= 500 ? 'error' : 'debug';
}

/**
 * Logs one line per answered request (`request completed`; a 5xx other than 503: `request
 * errored`, with an error naming the status), with the shape pino-http gave it: `req` (id,
 * method, url, headers, remote address, through the logger's serializers, so credentials are
 * redacted), `res` (status code, headers) and `responseTime` (ms, from Fastify's clock for the
 * request). A request whose client went away before its answer is not logged (the exception
 * filter logs an unexpected error with the request's id, method and path).
 *
 * Nothing is built unless the line's level is enabled. pino-http, which nestjs-pino runs as a
 * middleware, made a child logger per request with the request serialized into it (headers,
 * redaction, JSON) whether or not anything was logged: 95–115 µs of the gateway's CPU per POST
 * (`npm run bench:accept`, docs/performance.md), a third of it.
 *
 * @param logger the root logger (nestjs-pino's `PinoLogger.root`, built from the module's
 *   pino-http options), read at each request: it is made when the app initializes, after this runs
 */
export function registerRequestLog(fastify: FastifyInstance, logger: () => Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const root = logger();
    const status = reply.statusCode;
    const level = requestLogLevel(status);
    if (root?.isLevelEnabled(level)) {
      const line = { req: nodeRequest(request), res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
      if (level === 'error') root.error({ ...line, err: new Error(`failed with status code ${status}`) }, 'request errored');
      else root[level](line, 'request completed');
    }
    done();
  });
}

/** The Node request, carrying Fastify's request id where pino's request serializer reads it. */
function nodeRequest(request: FastifyRequest): FastifyRequest['raw'] {
  (request.raw as { id?: unknown }).id = request.id;
  return request.raw;
}
