import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { collectDefaultMetrics, Gauge, register } from 'prom-client';
import { Role } from '@app/contracts';
import { SubmissionQueue } from '@app/queue';
import { Public, Roles } from '../auth/auth.decorators';
import { SubmissionWatchers } from '../realtime/submission-watchers';

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

  /** Database and Redis reachable (terminus). */
  @Get('health')
  @Public()
  @HealthCheck()
  check() {
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
