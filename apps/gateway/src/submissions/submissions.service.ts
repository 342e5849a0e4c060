import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateSubmissionDto, SubmissionAccepted, SubmissionStatus, SubmissionView,
} from '@app/contracts';
import { HARNESS_GENERATORS, isFunctionProblem } from '@app/harness';
import { ProblemsRepository, SubmissionsRepository, toSubmissionView } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';
import { SubmissionWatchers } from '../realtime/submission-watchers';

/** How long a POST waits for Redis before leaving the job to the recovery sweep. */
const ENQUEUE_TIMEOUT_MS = 3000;

@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly problems: ProblemsRepository,
    private readonly queue: SubmissionQueue,
    private readonly watchers: SubmissionWatchers,
  ) {}

  /**
   * Saves the submission as `queued`, then puts it on the queue. Once saved it is never lost:
   * if Redis is unreachable the recovery sweep enqueues it later.
   * @throws BadRequestException (stdin with problemId; a function problem in a language without a
   * harness), UnprocessableEntityException (unknown problemId).
   */
  async create(dto: CreateSubmissionDto): Promise<SubmissionAccepted> {
    if (dto.problemId) {
      if (dto.stdin !== undefined || dto.expectedOutput !== undefined) {
        throw new BadRequestException('stdin and expectedOutput are for ad-hoc runs: leave them out when problemId is given');
      }
      const problem = await this.problems.findOne(dto.problemId);
      if (!problem) throw new UnprocessableEntityException(`problemId: no problem "${dto.problemId}"`);
      if (isFunctionProblem(problem.signature) && !HARNESS_GENERATORS[dto.language]) {
        throw new BadRequestException(`language: ${dto.problemId} is a function problem, which takes ${Object.keys(HARNESS_GENERATORS).join(', ')}`);
      }
    }
    const id = randomUUID();
    await this.submissions.insert({
      id,
      problemId: dto.problemId ?? null,
      language: dto.language,
      sourceCode: dto.sourceCode,
      stdin: dto.problemId ? null : dto.stdin ?? '',
      expectedOutput: dto.expectedOutput ?? null,
      limits: { ...(dto.limits ?? {}) },
      status: SubmissionStatus.Queued,
      verdict: null,
      score: null,
      timeMs: null,
      memoryKb: null,
      compileOutput: null,
      testCount: 0,
      tests: [],
      revision: 0,
      judgeId: null,
    });
    try {
      await withTimeout(this.queue.enqueue(id), ENQUEUE_TIMEOUT_MS);
    } catch (e) {
      this.logger.warn(`submission ${id} saved but not yet queued (${(e as Error).message}); the recovery sweep will queue it`);
    }
    return { id, status: SubmissionStatus.Queued };
  }

  async findView(id: string): Promise<SubmissionView | null> {
    const s = await this.submissions.findById(id);
    return s ? toSubmissionView(s) : null;
  }

  /**
   * The submission; with `waitMs`, answers as soon as its status differs from `after` (default:
   * its status now) or it is finished, else after `waitMs` with the state then.
   * @throws NotFoundException
   */
  async get(id: string, waitMs = 0, after?: SubmissionStatus): Promise<SubmissionView> {
    const ready = (v: SubmissionView, baseline: SubmissionStatus) => v.status === SubmissionStatus.Finished || v.status !== baseline;
    if (waitMs <= 0) return this.mustFind(id);
    let stop: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      let baseline = after;
      const changed = new Promise<SubmissionView>((resolve) => {
        // Watch before reading: a change between the two is not missed.
        stop = this.watchers.watch(id, (v) => baseline && ready(v, baseline) && resolve(v));
      });
      const current = await this.mustFind(id);
      baseline ??= current.status;
      if (ready(current, baseline)) return current;
      const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      return (await Promise.race([changed, timedOut])) ?? (await this.mustFind(id));
    } finally {
      stop();
      clearTimeout(timer);
    }
  }

  private async mustFind(id: string): Promise<SubmissionView> {
    const v = await this.findView(id);
    if (!v) throw new NotFoundException(`no submission ${id}`);
    return v;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
  ]);
}
