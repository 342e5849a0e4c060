import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { AppConfig, boundShutdown } from '@app/config';
import { bootstrapJudge } from './judge.bootstrap';

bootstrapJudge()
  .then((app) => {
    // Running jobs get JUDGE_SHUTDOWN_MS to finish or go back to the queue; the rest of the
    // close (queue, Redis, database) 15 s more, then the process exits anyway.
    const logger = app.get(Logger);
    boundShutdown(app.get(AppConfig).judgeShutdownMs + 15000, (m) => logger.error(m, 'Shutdown'));
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
