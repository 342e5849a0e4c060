import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { redisTransportOptions } from '@app/pubsub';
import { JudgeModule } from './judge.module';

/**
 * Starts a judge: a Nest microservice on the Redis transport (message patterns) whose
 * `JudgeWorker` consumes the submission queue. Exits with a message naming a bad variable.
 */
export async function bootstrapJudge() {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(JudgeModule, {
    transport: Transport.REDIS,
    // Resolved lazily from the validated environment once the module's config exists.
    options: redisTransportOptions(AppConfig.fromEnvironment()),
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
