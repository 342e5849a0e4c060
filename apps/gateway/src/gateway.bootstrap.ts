import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import helmet from 'helmet';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { redisTransportOptions } from '@app/pubsub';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { refuseDeepJson } from './common/json-limits';
import { validationPipe } from './common/validation';
import { CheckedWsAdapter } from './realtime/checked-ws.adapter';

/**
 * Builds the gateway: REST under /api/v1 (OpenAPI at /api/docs, JSON at /api/docs-json),
 * WebSocket at /ws, and a Redis-transport listener for the judges' events. Call `listen`.
 *
 * Hostile input is stopped at the edge: JSON bodies over `MAX_BODY_BYTES` (413) or nested deeper
 * than `MAX_BODY_DEPTH` (400, checked on the raw text before anything recurses), WebSocket
 * frames likewise (error frame); helmet's security headers on every answer; CORS only for the
 * origins in `CORS_ORIGINS`.
 */
export async function createGateway(): Promise<NestExpressApplication> {
  const config = AppConfig.fromEnvironment();
  // abortOnError false: a failed start throws (to main, or to a test) instead of exiting the process.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Swagger UI (/api/docs) loads its scripts from the gateway itself and uses inline styles,
  // which helmet's default Content-Security-Policy allows. Without upgrade-insecure-requests: a
  // gateway served over plain HTTP (behind no TLS proxy) must still load its own scripts.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const origins = config.corsOrigins;
  if (origins.length) app.enableCors({ origin: origins.includes('*') ? '*' : origins, maxAge: 600 });
  app.use(json({ limit: config.maxBodyBytes, verify: refuseDeepJson(config.maxBodyDepth) }));
  // A body that is not JSON, or nested too deep, gets a message saying so, through the one error shape.
  app.use((err: { type?: string; message?: string }, _req: unknown, _res: unknown, next: (e: unknown) => void) =>
    next(err?.type === 'entity.parse.failed' ? new BadRequestException(`body: malformed JSON (${err.message})`)
      : err?.type === 'entity.too.deep' ? new BadRequestException(err.message) : err));
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(new CheckedWsAdapter(app, config.maxBodyDepth));
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.REDIS, options: redisTransportOptions(config) }, { inheritAppConfig: true });
  const doc = new DocumentBuilder()
    .setTitle('Online judge API')
    .setDescription('Submit code, judge it in a sandbox, stream the verdict. WebSocket: /ws (see README).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
  await app.startAllMicroservices();
  return app;
}
