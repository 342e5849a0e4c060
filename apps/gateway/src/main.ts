import 'reflect-metadata';
import { AppConfig, boundShutdown } from '@app/config';
import { Logger } from 'nestjs-pino';
import { createGateway } from './gateway.bootstrap';

createGateway()
  .then(async (app) => {
    const port = app.get(AppConfig).port;
    await app.listen(port);
    const logger = app.get(Logger);
    logger.log(`gateway listening on port ${port}, all interfaces (REST /api/v1, WebSocket /ws, docs /api/docs)`);
    // On SIGTERM clients are told 1001 and long polls answer at once; whatever still waits
    // after 15 s does not keep the process alive.
    boundShutdown(15000, (m) => logger.error(m, 'Shutdown'));
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
