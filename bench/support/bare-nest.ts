// The accept benchmark's framework ceiling: a Nest application on Fastify (the gateway's platform)
// with one route, `POST /api/v1/submissions`, that takes the same JSON body and answers 202 with
// an id; no database, queue, auth, validation, logging or middleware. What Nest itself costs a
// request on this machine, run as its own process: it prints its port on stdout.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';

@Controller('api/v1/submissions')
class BareSubmissionsController {
  @Post()
  @HttpCode(202)
  create(@Body() body: { language?: unknown; sourceCode?: unknown }): { id: string; status: string } {
    if (typeof body.language !== 'string' || typeof body.sourceCode !== 'string') throw new Error('bad body');
    return { id: randomUUID(), status: 'queued' };
  }
}

@Module({ controllers: [BareSubmissionsController] })
class BareNestModule {}

void (async () => {
  const app = await NestFactory.create<NestFastifyApplication>(BareNestModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`${(app.getHttpServer().address() as { port: number }).port}\n`);
})();
