import 'reflect-metadata';
import { AppConfig, boundShutdown } from '@app/config';
import { Logger } from 'nestjs-pino';
import { createGateway } from './gateway.bootstrap';

createGateway()
  .then(async (app) => {
    const port = app.get(AppConfig).port;
    // Every interface, IPv6 and IPv4 (Fastify's default is localhost only: unreachable in a
    // container); IPv4 alone where the host has no IPv6.
    await app.listen(port, '::').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EAFNOSUPPORT' || e.code === 'EADDRNOTAVAIL') return app.listen(port, '0.0.0.0');
      throw e;
    });
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
