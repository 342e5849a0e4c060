import 'reflect-metadata';
import fastifyMultipart from '@fastify/multipart';
import { BadRequestException, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import { createServer, IncomingMessage, ServerResponse, STATUS_CODES } from 'node:http';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { redisTransportStrategy } from '@app/pubsub';
import { AppModule } from './app.module';
import { IdentityService } from './auth/identity.service';
import { AuthenticatedWsAdapter } from './realtime/authenticated-ws.adapter';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { registerBodyParsers } from './common/body-parsers';
import { registerRequestLog } from './common/request-log';
import { validationPipe } from './common/validation';
import { MAX_PACKAGE_BYTES } from './problems/package-upload';
import { registerWebApp } from './web/web-app';

/**
 * Builds the gateway on Fastify (`@nestjs/platform-fastify`): REST under /api/v1 (OpenAPI at /api/docs, JSON at /api/docs-json),
 * WebSocket at /ws, and a Redis-transport listener for the judges' events, and the web app at `/`
 * when it is built (WEB_DIR). Call `listen`.
 *
 * Hostile input is stopped at the edge: JSON bodies over `MAX_BODY_BYTES` (413) or nested deeper
 * than `MAX_BODY_DEPTH` (400, checked on the raw text before anything recurses), WebSocket
 * frames likewise (error frame); helmet's security headers on every answer; CORS only for the
 * origins in `CORS_ORIGINS`.
 */
export async function createGateway(): Promise<NestFastifyApplication> {
  // A bad environment fails here, as one clear message, before Nest would log it with a stack.
  AppConfig.fromEnvironment();
  // abortOnError false: a failed start throws (to main, or to a test) instead of exiting the process.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, gatewayAdapter(), { bufferLogs: true, bodyParser: false, abortOnError: false });
  return configureGateway(app);
}

/**
 * helmet's options. Swagger UI (/api/docs) loads its scripts from the gateway itself and uses
 * inline styles, which helmet's default Content-Security-Policy allows. Without
 * upgrade-insecure-requests: a gateway served over plain HTTP (behind no TLS proxy) must still
 * load its own scripts.
 */
const HELMET: HelmetOptions = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

/**
 * helmet's security headers as `[name, value]` pairs: what `helmet(options)` sets on a response.
 * With options that depend on nothing in the request (no CSP nonces, no functions), they are the
 * same for every answer, so helmet runs once, at start, instead of per request.
 * @throws Error when helmet does not answer synchronously (options that need the request)
 */
export function securityHeaders(options: HelmetOptions): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  let done = false;
  const res = { setHeader: (name: string, value: string) => void headers.push([name, String(value)]), removeHeader: () => undefined };
  helmet(options)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not answer synchronously: its options depend on the request');
  return headers;
}

/** Longest path parameter, characters (Fastify's default, 100, would answer a long problem id 414 before the DTO pipe could name it). */
const MAX_PARAM_LENGTH = 2048;

/**
 * The Fastify instance's options: helmet's headers (`securityHeaders`) on every answer, set on
 * the Node response before Fastify sees the request, so that the answers Fastify gives before
 * any hook runs carry them too; paths matched as Express matched them (a trailing slash
 * ignored, letters in any case), path parameters up to `MAX_PARAM_LENGTH` characters, bodies bounded
 * by `body-parsers.ts` per content type (multipart: the package upload's own cap). A URL that
 * does not decode (`%ZZ`), which Fastify refuses before any hook or route runs, is answered
 * 400 in the one error shape.
 */
export function gatewayAdapter(): FastifyAdapter {
  const headers = securityHeaders(HELMET);
  const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (error, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    const message = error.code === 'FST_ERR_BAD_URL' ? 'path: not a valid URL (a percent-encoding that does not decode)'
      : status === 414 ? `path: a path parameter longer than ${MAX_PARAM_LENGTH} characters` : `request: ${error.message || new BadRequestException().message}`;
    void (reply as FastifyReply).code(status).send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  };
  return new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: MAX_PARAM_LENGTH },
    bodyLimit: MAX_PACKAGE_BYTES,
    frameworkErrors,
    // Requests Node's HTTP parser refuses (headers over 16 KiB: 431; a malformed request: 400) are answered with no body.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return void socket.destroy();
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`);
    },
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) => createServer((req, res) => {
      for (const [name, value] of headers) res.setHeader(name, value);
      handler(req, res);
    }),
  });
}

/**
 * Everything `createGateway` sets up on an app built from `AppModule` (also one built by a Nest
 * testing module, as the auth bench does with the guard overridden); starts the Redis listener.
 */
export async function configureGateway(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = AppConfig.fromEnvironment();
  app.useLogger(app.get(Logger));
  const origins = config.corsOrigins;
  // Methods as Express's cors allowed them (@fastify/cors allows GET, HEAD and POST only by default).
  if (origins.length) app.enableCors({ origin: origins.includes('*') ? '*' : origins, maxAge: 600, methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'] });
  registerRequestLog(app.getHttpAdapter().getInstance(), () => PinoLogger.root);
  await registerWebApp(app, config.webDir);
  registerBodyParsers(app.getHttpAdapter().getInstance(), { maxBytes: config.maxBodyBytes, maxDepth: config.maxBodyDepth });
  // Problem packages (POST /api/v1/problems/import): read by the route's interceptor, to disk.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_PACKAGE_BYTES, files: 1 } });
  // The Judge0-compatible API keeps Judge0's paths, under /judge0 (judge0/judge0.controller.ts).
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'judge0', method: RequestMethod.ALL }, { path: 'judge0/{*path}', method: RequestMethod.ALL }] });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter(app.getHttpAdapter()));
  app.useWebSocketAdapter(new AuthenticatedWsAdapter(app, config.maxBodyDepth, app.get(IdentityService), config.ws));
  app.enableShutdownHooks();
  app.connectMicroservice<CustomStrategy>({ strategy: redisTransportStrategy(config) }, { inheritAppConfig: true });
  const doc = new DocumentBuilder()
    .setTitle('Online judge API')
    .setDescription('Submit code, judge it in a sandbox, stream the verdict. WebSocket: /ws (see README and docs/api.md): '
      + 'the gateway pings every WS_PING_INTERVAL_MS and drops clients that do not answer; close codes 1001 (gateway shutting down: '
      + 'reconnect and subscribe again), 1008 (token invalid or revoked), 1009 (frame over 64 KiB), 4008 (client read too slowly: '
      + 'more than WS_MAX_BUFFERED_BYTES waited for it). '
      + 'Authenticate with Authorization: Bearer <session token or API key> (or X-Auth-Token); every answer carries RateLimit-Limit, '
      + 'RateLimit-Remaining and RateLimit-Reset (seconds) for identities other than admins.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a session token (POST /api/v1/auth/login), an API key, or ADMIN_TOKEN' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Auth-Token', description: "the same tokens, in Judge0's header" }, 'X-Auth-Token')
    .build();
  SwaggerModule.setup('api/docs', app, () => withAuthResponses(SwaggerModule.createDocument(app, doc)));
  await app.startAllMicroservices();
  return app;
}

/**
 * Security and the answers every guarded operation may give: both schemes on every operation
 * (optional on `@Public()` ones, marked `x-public`), `401`, `429` and `503` (database
 * unreachable, with Retry-After) everywhere (`403` comes from `@Roles`).
 */
function withAuthResponses(doc: OpenAPIObject): OpenAPIObject {
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } } };
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as Array<Record<string, any>>) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const open = op['x-public'] === true;
      op.security = [...(open ? [{}] : []), { bearer: [] }, { 'X-Auth-Token': [] }];
      op.responses['401'] ??= { description: open ? 'The token sent is invalid, expired or revoked (none is needed here)' : 'No token, or an invalid, expired or revoked one', ...error };
      op.responses['429'] ??= { description: 'Past RATE_LIMIT_PER_MINUTE: see the Retry-After header (seconds)', ...error };
      op.responses['503'] ??= { description: 'The database (or, where said, Redis) is unreachable right now: retry after the Retry-After header (seconds)', ...error };
    }
  }
  return doc;
}
