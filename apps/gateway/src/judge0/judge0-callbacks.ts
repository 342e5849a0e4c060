import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppConfig } from '@app/config';
import { CallbackJob } from '@app/contracts';
import { SubmissionsRepository } from '@app/persistence';
import { CallbackQueue } from '@app/queue';
import { callbackRefusal, guardedLookup } from './callback-target';
import { DEFAULT_FIELDS, pickFields, toJudge0 } from './judge0.mapper';

/** Header with the body's HMAC-SHA256 under CALLBACK_SECRET: `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'X-Judge0-Signature';
/** Header naming the delivery: the submission's token, the same on every retry (receivers drop repeats by it). */
export const DELIVERY_HEADER = 'X-Judge0-Delivery';
/** Header with the attempt number, 1 for the first delivery. */
export const ATTEMPT_HEADER = 'X-Judge0-Attempt';
/** Deliveries made at once by one gateway. */
const CONCURRENCY = 4;

/** `sha256=<hex>` of HMAC-SHA256(`secret`, `body`). */
export function callbackSignature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers result callbacks (Judge0's `callback_url`): for each job of the callback queue, the
 * finished submission in Judge0's shape (its default fields, base64 as the submission was
 * created) is sent with `PUT` to its URL, signed (`X-Judge0-Signature`, when CALLBACK_SECRET is
 * set) and named (`X-Judge0-Delivery`, `X-Judge0-Attempt`). A delivery that is not answered
 * 2xx within CALLBACK_TIMEOUT_MS is retried with exponential backoff (1 s, 2 s, 4 s, …) up to
 * CALLBACK_MAX_TRIES in all; jobs wait in Redis, so restarts of judges and gateways lose none.
 * Only public addresses are reached unless the host is in CALLBACK_ALLOWED_HOSTS, checked on the
 * address connected to (no redirects are followed).
 */
@Injectable()
export class Judge0CallbackWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(Judge0CallbackWorker.name);

  constructor(
    private readonly queue: CallbackQueue,
    private readonly submissions: SubmissionsRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.consume(CONCURRENCY, (job) => this.deliver(job));
  }

  /** One delivery attempt. @throws Error when it failed (BullMQ retries the job). */
  async deliver(job: Job<CallbackJob>): Promise<void> {
    const s = await this.submissions.findById(job.data.submissionId);
    if (!s?.callback) return; // deleted since, or nothing to deliver
    const body = JSON.stringify(pickFields(toJudge0(s, () => ''), DEFAULT_FIELDS, s.callback.base64));
    const secret = this.config.callbackSecret;
    const headers: Record<string, string> = {
      'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'online-judge-callbacks',
      [DELIVERY_HEADER]: s.id, [ATTEMPT_HEADER]: String(job.attemptsMade + 1),
      ...(secret ? { [SIGNATURE_HEADER]: callbackSignature(secret, body) } : {}),
    };
    const url = new URL(s.callback.url);
    // Address literals never reach `lookup`: checked here (names are checked again on connecting).
    const refusal = await callbackRefusal(url, this.config.callbackAllowedHosts);
    if (refusal) throw new UnrecoverableError(`callback_url ${refusal}`);
    const status = await this.put(url, headers, body);
    if (status < 200 || status > 299) throw new Error(`${s.callback.url} answered ${status}`);
    this.logger.log(`callback of ${s.id} delivered (${status})`);
  }

  private put(url: URL, headers: Record<string, string>, body: string): Promise<number> {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = this.config.callbackTimeoutMs;
    return new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'PUT', headers, timeout, lookup: guardedLookup(this.config.callbackAllowedHosts) as never }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeout} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
