import { BadRequestException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import {
  CallbackSpec, CreateSubmissionDto, ListSubmissionsQueryDto, RunOptions, SubmissionAccepted, SubmissionPageDto, SubmissionStatus, SubmissionView, submissionFilesProblem,
} from '@app/contracts';
import { HARNESS_GENERATORS, isFunctionProblem } from '@app/harness';
import { ProblemsRepository, SubmissionCursor, SubmissionEntity, SubmissionsRepository, toSubmissionView } from '@app/persistence';
import { REDIS_CONNECTION } from '@app/pubsub';
import type { RedisClient } from '@app/redis';
import { Identity, isAdmin } from '../auth/identity';
import { sha256 } from '../auth/tokens';
import { SubmissionFeed } from '../feed/submission-feed';
import { SubmissionWatchers } from '../feed/submission-watchers';
import { HeldClaim, IdempotencyClaims } from './idempotency-claims';
import { SubmissionIntake } from './submission-intake';

/**
 * What other front doors (the Judge0-compatible API) add to a submission beyond the v1 body: run
 * options of an ad-hoc run, and where to deliver its result.
 */
export interface SubmissionExtras {
  runOptions?: RunOptions;
  callback?: CallbackSpec;
}

@Injectable()
export class SubmissionsService {
  private readonly claims: IdempotencyClaims;

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly problems: ProblemsRepository,
    private readonly intake: SubmissionIntake,
    private readonly feed: SubmissionFeed,
    private readonly watchers: SubmissionWatchers,
    private readonly config: AppConfig,
    @Inject(REDIS_CONNECTION) redis: RedisClient,
  ) {
    this.claims = new IdempotencyClaims(redis, (id) => this.submissions.exists(id));
  }

  /**
   * Saves the submission as `queued` with its owner, then puts it on the queue (`SubmissionIntake`:
   * with the other POSTs of the same event-loop turn). Once saved it is never lost: if Redis is
   * unreachable the recovery sweep enqueues it later.
   * - The program is `dto.sourceCode` (one text file) or `dto.files` (DESIGN.md, "Submissions of
   *   several files"). To make a several-file submission in code (e.g. from another API's
   *   payload), pass the files as they are; anything else (data, headers) may be among them:
   *   ```ts
   *   await submissions.create({ language: 'cpp', files: [
   *     { path: 'main.cpp', content: '#include "add.h"\nint main(){…}' },
   *     { path: 'add.h', content: 'int add(int, int);' },
   *     { path: 'add.cpp', content: Buffer.from(bytes).toString('base64'), encoding: 'base64' },
   *   ], entryPoint: 'main.cpp', stdin: '' }, identity); // entryPoint optional
   *   ```
   *   Paths, sizes (SUBMISSION_MAX_FILES / _FILE_BYTES / _TOTAL_BYTES) and base64 are checked
   *   here (400 naming `files.<i>.path`, `files.<i>.content`, `entryPoint`); what the files are
   *   (binaries, a missing `main`) is the judge's to say, as CE.
   * - `idempotencyKey`: a second request of the same identity with the same key within 24 h
   *   answers the first submission (`replayed: true`) and creates nothing; while the first is
   *   not saved yet, 409 (the client retries with the same key: it then gets the first
   *   submission, or, the first having been refused, deleted, or lost with its gateway, a
   *   submission of its own): `IdempotencyClaims`.
   * - At most `MAX_QUEUED_PER_USER` unfinished submissions per identity (admins unlimited).
   * - Fair queueing: the job's priority is the owner's count of unfinished submissions (this one
   *   included; counted up to `unfinishedCountCap`), so a newcomer's first submission goes before
   *   a flooder's backlog.
   * @throws BadRequestException (stdin with problemId; a function problem in a language without a
   * harness; both or neither of sourceCode and files; bad files or entryPoint), UnprocessableEntityException (unknown
   * problemId), HttpException 429 (too many unfinished submissions), ServiceUnavailableException
   * (Idempotency-Key given while Redis is unreachable), ConflictException (the
   * first request with that Idempotency-Key not saved yet).
   */
  async create(dto: CreateSubmissionDto, owner: Identity | null = null, idempotencyKey?: string, extras: SubmissionExtras = {}): Promise<SubmissionAccepted & { replayed?: boolean }> {
    this.checkProgram(dto);
    if (dto.problemId) {
      if (dto.stdin !== undefined || dto.expectedOutput !== undefined) {
        throw new BadRequestException('stdin and expectedOutput are for ad-hoc runs: leave them out when problemId is given');
      }
      const problem = await this.problems.findOne(dto.problemId);
      if (!problem) throw new UnprocessableEntityException(`problemId: no problem "${dto.problemId}"`);
      if (isFunctionProblem(problem.signature) && !HARNESS_GENERATORS[dto.language]) {
        throw new BadRequestException(`language: ${dto.problemId} is a function problem, which takes ${Object.keys(HARNESS_GENERATORS).join(', ')}`);
      }
      if (isFunctionProblem(problem.signature) && dto.files) {
        throw new BadRequestException(`files: ${dto.problemId} is a function problem: send your code as sourceCode`);
      }
    }
    const id: string = randomUUID();
    let claim: HeldClaim | undefined;
    if (idempotencyKey !== undefined) {
      const claimed = await this.claims.claim(this.config.redisKeys.idempotency(owner?.id ?? 'anonymous', sha256(idempotencyKey)), id);
      if ('replay' in claimed) return { id: claimed.replay, status: SubmissionStatus.Queued, replayed: true };
      claim = claimed.held;
    }
    try {
      await this.accept(dto, owner, id, extras);
    } catch (e) {
      await claim?.release();
      throw e;
    }
    await claim?.saved();
    return { id, status: SubmissionStatus.Queued };
  }

  /** Exactly one of `sourceCode` and `files`; the files within the deployment's caps and path rules. */
  private checkProgram(dto: CreateSubmissionDto): void {
    if (dto.files === undefined) {
      if (dto.sourceCode === undefined) throw new BadRequestException('sourceCode: give the program as sourceCode (one file) or as files');
      if (dto.entryPoint !== undefined) throw new BadRequestException('entryPoint: only with files');
      return;
    }
    if (dto.sourceCode !== undefined) throw new BadRequestException('sourceCode and files: give one of them, not both');
    const problem = submissionFilesProblem(dto.files, dto.entryPoint, this.config.submissionFileCaps);
    if (problem) throw new BadRequestException(problem);
  }

  private async accept(dto: CreateSubmissionDto, owner: Identity | null, id: string, extras: SubmissionExtras): Promise<void> {
    await this.intake.admit({
      id,
      problemId: dto.problemId ?? null,
      language: dto.language,
      sourceCode: dto.sourceCode ?? '',
      files: dto.files?.map((f) => ({ path: f.path, content: f.content, encoding: f.encoding ?? 'utf8' })) ?? null,
      entryPoint: dto.files ? dto.entryPoint ?? null : null,
      stdin: dto.problemId ? null : dto.stdin ?? '',
      expectedOutput: dto.expectedOutput ?? null,
      limits: { ...(dto.limits ?? {}) },
      runOptions: extras.runOptions ?? null,
      callback: extras.callback ?? null,
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
      ownerId: owner?.id ?? null,
      createdAt: new Date(),
    }, owner);
  }

  /**
   * The submission as `viewer` may see it: null when it does not exist or belongs to someone
   * else (admins see all; `viewer` undefined means no check, for internal use).
   */
  findView(id: string, viewer?: Identity | null): Promise<SubmissionView | null> {
    return this.feed.read(id, viewer);
  }

  /**
   * `viewer`'s own submissions (an admin's: everyone's, or `userId`'s), newest first, filtered by
   * problem, verdict and language; `cursor` is the previous page's opaque `nextCursor`.
   * @throws BadRequestException (bad cursor)
   */
  async list(q: ListSubmissionsQueryDto, viewer: Identity): Promise<SubmissionPageDto> {
    const limit = q.limit ?? 20;
    const ownerId = isAdmin(viewer) ? (q.userId === undefined ? undefined : q.userId.includes(':') || q.userId === 'admin-token' ? q.userId : `user:${q.userId}`) : viewer.id;
    const rows = await this.submissions.list({ ownerId, problemId: q.problemId, verdict: q.verdict, language: q.language }, limit + 1, q.cursor === undefined ? undefined : decodeCursor(q.cursor));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toSubmissionView), nextCursor: rows.length > limit ? encodeCursor(last) : null };
  }

  /**
   * The submission; with `waitMs`, answers as soon as its status differs from `after` (default:
   * its status now) or it is finished, else after `waitMs` (or when the gateway begins to shut
   * down) with the state then.
   * @throws NotFoundException
   */
  async get(id: string, waitMs = 0, after?: SubmissionStatus, viewer?: Identity | null): Promise<SubmissionView> {
    const mustFind = async (sid: string) => {
      const v = await this.findView(sid, viewer);
      if (!v) throw new NotFoundException(`no submission ${sid}`);
      return v;
    };
    const ready = (v: SubmissionView, baseline: SubmissionStatus) => v.status === SubmissionStatus.Finished || v.status !== baseline;
    if (waitMs <= 0) return mustFind(id);
    let baseline = after;
    let changed!: (v: SubmissionView) => void;
    const change = new Promise<SubmissionView>((resolve) => (changed = resolve));
    const watch = await this.feed.open(id, (v) => baseline && ready(v, baseline) && changed(v), viewer);
    let timer: NodeJS.Timeout | undefined;
    try {
      const current = watch.current;
      if (!current) throw new NotFoundException(`no submission ${id}`);
      baseline ??= current.status;
      if (ready(current, baseline)) return current;
      const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      // A gateway shutting down answers its long polls at once, with the state then.
      return (await Promise.race([change, timedOut, this.watchers.closing.then(() => null)])) ?? (await mustFind(id));
    } finally {
      watch.stop();
      clearTimeout(timer);
    }
  }
}

/** Opaque cursor: base64url of `[createdAt ms, id]` of the last row shown. */
export function encodeCursor(s: SubmissionEntity): string {
  return Buffer.from(JSON.stringify([new Date(s.createdAt).getTime(), s.id])).toString('base64url');
}

/** @throws BadRequestException naming `cursor` */
export function decodeCursor(cursor: string): SubmissionCursor {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof ms === 'number' && Number.isFinite(ms) && typeof id === 'string' && id.length <= 36) return { createdAt: new Date(ms), id };
  } catch { /* reported below */ }
  throw new BadRequestException('cursor must be the nextCursor of a previous page');
}
