import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { redisTransportStrategy } from '@app/pubsub';
import { JudgeModule } from './judge.module';

/**
 * Starts a judge: a Nest microservice on the Redis transport (message patterns) whose
 * `JudgeWorker` consumes the submission queue. Exits with a message naming a bad variable.
 */
export async function bootstrapJudge() {
  const app = await NestFactory.createMicroservice<CustomStrategy>(JudgeModule, {
    // The Redis transport in this stack's namespace, from the validated environment.
    strategy: redisTransportStrategy(AppConfig.fromEnvironment()),
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
