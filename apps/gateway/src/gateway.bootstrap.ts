import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { redisTransportOptions } from '@app/pubsub';
import { AppModule } from './app.module';
import { IdentityService } from './auth/identity.service';
import { AuthenticatedWsAdapter } from './realtime/authenticated-ws.adapter';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { validationPipe } from './common/validation';
import { webAppMiddlewares } from './web/web-app';

/** Largest JSON body (problems carry their test data), bytes. */
export const MAX_JSON_BODY = '64mb';

/**
 * Builds the gateway: REST under /api/v1 (OpenAPI at /api/docs, JSON at /api/docs-json),
 * WebSocket at /ws, a Redis-transport listener for the judges' events, and the web app at `/`
 * when it is built (WEB_DIR). Call `listen`.
 */
export async function createGateway(): Promise<NestExpressApplication> {
  // A bad environment fails here, as one clear message, before Nest would log it with a stack.
  AppConfig.fromEnvironment();
  // abortOnError false: a failed start throws (to main, or to a test) instead of exiting the process.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  return configureGateway(app);
}

/**
 * Everything `createGateway` sets up on an app built from `AppModule` (also one built by a Nest
 * testing module, as the auth bench does with the guard overridden); starts the Redis listener.
 */
export async function configureGateway(app: NestExpressApplication): Promise<NestExpressApplication> {
  const config = AppConfig.fromEnvironment();
  app.useLogger(app.get(Logger));
  for (const m of webAppMiddlewares(config.webDir)) app.use(m);
  app.use(json({ limit: MAX_JSON_BODY }));
  // A body that is not JSON gets a message saying so, through the one error shape.
  app.use((err: { type?: string; message?: string }, _req: unknown, _res: unknown, next: (e: unknown) => void) =>
    next(err?.type === 'entity.parse.failed' ? new BadRequestException(`body: malformed JSON (${err.message})`) : err));
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(new AuthenticatedWsAdapter(app, app.get(IdentityService)));
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.REDIS, options: redisTransportOptions(config) }, { inheritAppConfig: true });
  const doc = new DocumentBuilder()
    .setTitle('Online judge API')
    .setDescription('Submit code, judge it in a sandbox, stream the verdict. WebSocket: /ws (see README). '
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
 * (optional on `@Public()` ones, marked `x-public`), `401` and `429` everywhere (`403` comes
 * from `@Roles`).
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
    }
  }
  return doc;
}
