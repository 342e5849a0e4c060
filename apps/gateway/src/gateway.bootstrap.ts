import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { redisTransportOptions } from '@app/pubsub';
import { AppModule } from './app.module';
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
  const config = AppConfig.fromEnvironment();
  // abortOnError false: a failed start throws (to main, or to a test) instead of exiting the process.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(app.get(Logger));
  for (const m of webAppMiddlewares(config.webDir)) app.use(m);
  app.use(json({ limit: MAX_JSON_BODY }));
  // A body that is not JSON gets a message saying so, through the one error shape.
  app.use((err: { type?: string; message?: string }, _req: unknown, _res: unknown, next: (e: unknown) => void) =>
    next(err?.type === 'entity.parse.failed' ? new BadRequestException(`body: malformed JSON (${err.message})`) : err));
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(new WsAdapter(app));
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
