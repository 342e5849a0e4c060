import { Controller, Get, Header, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { collectDefaultMetrics, Gauge, register } from 'prom-client';
import { Role } from '@app/contracts';
import { SubmissionQueue } from '@app/queue';
import { SubmissionWatchers } from '../feed/submission-watchers';
import { Public, Roles } from '../auth/auth.decorators';

collectDefaultMetrics();
const queueJobs = new Gauge({ name: 'oj_queue_jobs', help: 'Jobs on the submission queue by state', labelNames: ['state'] });
const watched = new Gauge({ name: 'oj_watched_submissions', help: 'Submissions watched by WebSocket or long-poll clients on this gateway' });

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly queue: SubmissionQueue,
    private readonly watchers: SubmissionWatchers,
  ) {}

  /**
   * Database and Redis reachable (terminus): `200 { status: "ok", info, error: {}, details }`, or
   * `503 { status: "error", info, error, details }` where `error` names what is down
   * (`database`, `queue`) with its message: the body a load balancer or a person reads.
   */
  @Get('health')
  @Public()
  @HealthCheck()
  @ApiOkResponse({ description: 'Everything reachable: { status: "ok", info: { database, queue }, error: {}, details }' })
  @ApiServiceUnavailableResponse({ description: 'Something is down, named in `error`: { status: "error", info, error: { database?: { status: "down", message } , queue?: … }, details }' })
  async check(@Res({ passthrough: true }) res: FastifyReply) {
    try {
      return await this.probe();
    } catch (e) {
      // Terminus reports what is down in the exception's body: answered as it is, not as the generic error shape.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503);
      return e.getResponse();
    }
  }

  private probe() {
    return this.health.check([
      () => this.db.pingCheck('database'),
      async () => {
        const i = this.indicator.check('queue');
        try {
          return i.up(await this.queue.counts());
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
    ]);
  }

  /** Prometheus metrics (admins). */
  @Get('metrics')
  @Roles(Role.Admin)
  @Header('content-type', register.contentType)
  async metrics(): Promise<string> {
    for (const [state, n] of Object.entries(await this.queue.counts().catch(() => ({})))) queueJobs.set({ state }, n);
    watched.set(this.watchers.size);
    return register.metrics();
  }
}
