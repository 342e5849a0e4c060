import 'reflect-metadata';
import { AppConfig } from '@app/config';
import { Logger } from 'nestjs-pino';
import { createGateway } from './gateway.bootstrap';

createGateway()
  .then(async (app) => {
    const port = app.get(AppConfig).port;
    await app.listen(port);
    app.get(Logger).log(`gateway listening on port ${port}, all interfaces (REST /api/v1, WebSocket /ws, docs /api/docs)`);
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
