import { BadRequestException, HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { CreateSubmissionDto, JudgeMessages, LanguageInfo, RunOptions, SubmissionFile, SubmissionStatus, Verdict } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository } from '@app/persistence';
import { EventBus } from '@app/pubsub';
import { SubmissionQueue } from '@app/queue';
import { canSee, Identity, isAdmin } from '../auth/identity';
import { SubmissionsService } from '../submissions/submissions.service';
import { AdditionalFile, unpackAdditionalFiles } from './additional-files';
import { callbackRefusal } from './callback-target';
import { Judge0Error } from './judge0.errors';
import { fromJudge0, Judge0Field, Judge0FieldErrors, pickFields, toJudge0 } from './judge0.mapper';
import { JUDGE0_LANGUAGES, judge0Language, judge0Name, MULTI_FILE_PROGRAM, sourceFileName } from './judge0-languages';
import { judge0Status, JUDGE0_STATUSES } from './judge0-statuses';

/** How long the judges' language list is reused, ms. */
const LANGUAGES_TTL_MS = 30_000;
/**
 * Language 89's commands, run by bash in the box: `compile` when the zip has one (in the program
 * folder, as a compiler runs), then `run` (with the program's files copied into the working folder).
 */
export const MULTI_FILE_COMMANDS: NonNullable<RunOptions['commands']> = {
  compile: ['/bin/bash', '-c', 'if [ -f ./compile ]; then exec /bin/bash ./compile; fi'],
  run: ['/bin/bash', './run'],
};

/** Longest `wait=true` holds a request, ms (then it answers the state so far, as a GET would). */
export const MAX_WAIT_MS = 300_000;

/** A language as Judge0's `GET /languages/:id` shows it. */
export interface Judge0LanguageView {
  id: number;
  name: string;
  is_archived: boolean;
  source_file: string | null;
  compile_cmd: string | null;
  run_cmd: string | null;
}

/**
 * The Judge0-compatible API over our model: a Judge0 submission is an ad-hoc submission of ours
 * (created through `SubmissionsService`, owned by the caller, judged by the one pipeline, visible
 * in `/api/v1` and over the WebSocket); this service only translates (judge0.mapper.ts).
 */
@Injectable()
export class Judge0Service {
  private languageCache: { at: number; list: LanguageInfo[] } | null = null;

  constructor(
    private readonly submissions: SubmissionsService,
    private readonly repo: SubmissionsRepository,
    private readonly queue: SubmissionQueue,
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates one submission from a Judge0 body.
   * @returns `{ token }`, or the per-field errors (Judge0's 422 body) as `{ errors }`.
   * @throws HttpException 429 (MAX_QUEUED_PER_USER) from SubmissionsService.
   */
  async create(body: unknown, base64: boolean, owner: Identity): Promise<{ token: string } | { errors: Judge0FieldErrors }> {
    const mapped = fromJudge0(body, base64);
    if ('errors' in mapped) return mapped;
    if (mapped.callbackUrl) {
      const refusal = await callbackRefusal(new URL(mapped.callbackUrl), this.config.callbackAllowedHosts);
      if (refusal) return { errors: { callback_url: [refusal] } };
    }
    let { dto, runOptions } = mapped;
    if (mapped.additionalFiles !== null) {
      let files: AdditionalFile[];
      try {
        files = await unpackAdditionalFiles(mapped.additionalFiles);
      } catch (e) {
        return { errors: { additional_files: [(e as Error).message] } };
      }
      const program = withAdditionalFiles(dto, runOptions, files, mapped.multiFileProgram);
      if ('error' in program) return { errors: { additional_files: [program.error] } };
      ({ dto, runOptions } = program);
    }
    const callback = mapped.callbackUrl ? { url: mapped.callbackUrl, format: 'judge0' as const, base64 } : undefined;
    try {
      const { id } = await this.submissions.create(dto, owner, undefined, { runOptions, callback });
      return { token: id };
    } catch (e) {
      // Our file rules (paths, sizes, count: SUBMISSION_MAX_*) apply to the zip's files.
      if (e instanceof BadRequestException && dto.files) return { errors: { additional_files: [String((e.getResponse() as { message?: unknown }).message ?? e.message)] } };
      throw e;
    }
  }

  /**
   * Judge0's `MAX_QUEUE_SIZE`: refuses `adding` more submissions when the queue's backlog would
   * pass `JUDGE0_MAX_QUEUE_SIZE`.
   * @throws Judge0Error 503 `{ error: "queue is full" }`.
   */
  async assertQueueRoom(adding: number): Promise<void> {
    const backlog = await this.queue.backlog();
    if (backlog + adding > this.config.judge0MaxQueueSize) throw Judge0Error.error(HttpStatus.SERVICE_UNAVAILABLE, 'queue is full');
  }

  /** The caller's submission `token` (an admin's: any), or null: someone else's is not found either. */
  async find(token: string, viewer: Identity): Promise<SubmissionEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(token)) return null;
    const s = await this.repo.findById(token);
    return s && canSee(viewer, s) ? s : null;
  }

  /** Waits (long-polling our feed) until `token` is finished or `MAX_WAIT_MS` pass; the state then. */
  async waitFinished(token: string, viewer: Identity): Promise<SubmissionEntity | null> {
    const until = Date.now() + MAX_WAIT_MS;
    let status: SubmissionStatus | undefined;
    while (status !== SubmissionStatus.Finished && Date.now() < until) {
      const v = await this.submissions.get(token, Math.min(30_000, until - Date.now()), status, viewer);
      status = v.status;
    }
    return this.find(token, viewer);
  }

  /** A submission in Judge0's shape, `fields` of it, base64 when asked. */
  async show(s: SubmissionEntity, fields: readonly Judge0Field[], base64: boolean): Promise<Record<string, unknown>> {
    const names = fields.includes('language') ? await this.languageNames() : new Map<number, string>();
    return pickFields(toJudge0(s, (id) => names.get(id) ?? ''), fields, base64);
  }

  /**
   * Deletes a finished submission of the caller's (Judge0's ENABLE_SUBMISSION_DELETE) and returns it.
   * @throws Judge0Error 400 (deleting is off: `delete not allowed`; not finished yet), 404.
   */
  async remove(token: string, viewer: Identity, fields: readonly Judge0Field[], base64: boolean): Promise<Record<string, unknown>> {
    if (!this.config.judge0EnableSubmissionDelete) throw Judge0Error.error(HttpStatus.BAD_REQUEST, 'delete not allowed');
    const s = await this.find(token, viewer);
    if (!s) throw Judge0Error.error(HttpStatus.NOT_FOUND, 'Not Found');
    if (s.status !== SubmissionStatus.Finished) {
      const { status } = judge0Status(s, undefined);
      throw Judge0Error.error(HttpStatus.BAD_REQUEST, `submission cannot be deleted because its status is ${status.id} (${status.description})`);
    }
    const shown = await this.show(s, fields, base64);
    await this.repo.remove(s.id);
    return shown;
  }

  /** What the judges run, cached for 30 s. @throws Judge0Error 503 when no judge answers. */
  private async judgeLanguages(): Promise<LanguageInfo[]> {
    if (this.languageCache && Date.now() - this.languageCache.at < LANGUAGES_TTL_MS) return this.languageCache.list;
    try {
      const list = await this.bus.request<LanguageInfo[]>(JudgeMessages.ListLanguages, {}, 2000);
      this.languageCache = { at: Date.now(), list };
      return list;
    } catch {
      if (this.languageCache) return this.languageCache.list;
      throw Judge0Error.error(HttpStatus.SERVICE_UNAVAILABLE, 'no judge answered: start one with npm run start:judge');
    }
  }

  private async languageNames(): Promise<Map<number, string>> {
    const list = await this.judgeLanguages().catch(() => [] as LanguageInfo[]);
    const versions = new Map(list.map((l) => [l.id, l.version]));
    return new Map([...JUDGE0_LANGUAGES.map((l) => [l.id, judge0Name(l, versions.get(l.language) ?? '?')] as const), [MULTI_FILE_PROGRAM.id, MULTI_FILE_PROGRAM.label] as const]);
  }

  /** `GET /languages` (`all`: with archived ids too): the languages our judges run, by Judge0 id. */
  async languages(all: boolean): Promise<Array<{ id: number; name: string; is_archived?: boolean }>> {
    const running = new Map((await this.judgeLanguages()).map((l) => [l.id, l]));
    const out: Array<{ id: number; name: string; is_archived?: boolean }> = [];
    for (const l of JUDGE0_LANGUAGES) {
      const info = running.get(l.language);
      if (!info) continue;
      const name = judge0Name(l, info.version);
      out.push(all ? { id: l.id, name, is_archived: false } : { id: l.id, name });
      if (all) for (const a of l.aliases) out.push({ id: a, name, is_archived: true });
    }
    if (running.has(MULTI_FILE_PROGRAM.language)) out.push(all ? { id: MULTI_FILE_PROGRAM.id, name: MULTI_FILE_PROGRAM.label, is_archived: false } : { id: MULTI_FILE_PROGRAM.id, name: MULTI_FILE_PROGRAM.label });
    return out.sort((a, b) => a.id - b.id);
  }

  /** `GET /languages/:id`. @throws Judge0Error 404 */
  async language(id: number): Promise<Judge0LanguageView> {
    const found = judge0Language(id);
    const info = found && (await this.judgeLanguages()).find((l) => l.id === found.entry.language);
    if (!found || !info) throw Judge0Error.error(HttpStatus.NOT_FOUND, 'Not Found');
    if (found.entry === MULTI_FILE_PROGRAM) {
      return { id, name: MULTI_FILE_PROGRAM.label, is_archived: false, source_file: null, compile_cmd: '/bin/bash compile', run_cmd: '/bin/bash run' };
    }
    const file = /\s(\S+\.\w+)(\s|$)/.exec(info.compileCommand ?? info.runCommand)?.[1] ?? null;
    return {
      id, name: judge0Name(found.entry, info.version), is_archived: found.archived,
      source_file: file?.replace(/^\/prog\//, '') ?? null, compile_cmd: info.compileCommand, run_cmd: info.runCommand,
    };
  }

  /** `GET /workers`: Judge0's one entry per queue, with our judges as its workers. */
  async workers(): Promise<Array<Record<string, unknown>>> {
    const [load, available] = await Promise.all([this.queue.workload(), this.queue.consumers()]);
    return [{ queue: 'submissions', size: load.backlog, available, idle: Math.max(0, available - load.active), working: load.active, paused: 0, failed: load.failed }];
  }

  /** `GET /statistics` in Judge0's shape: the caller's own submissions (an admin's: everyone's). */
  async statistics(viewer: Identity): Promise<Record<string, unknown>> {
    const now = new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const c = await this.repo.counts(today, isAdmin(viewer) ? undefined : viewer.id);
    const names = await this.languageNames();
    const statusOf = (verdict: Verdict | null) => {
      if (verdict === null) return { id: 1, name: 'In Queue or Processing' };
      if (verdict === Verdict.RE) return { id: 12, name: 'Runtime Error' };
      const { status } = judge0Status({ status: SubmissionStatus.Finished, verdict }, undefined);
      return { id: status.id, name: status.description };
    };
    return {
      now: now.toISOString(),
      submissions: { total: c.total, today: c.since },
      languages: c.byLanguage.map((l) => {
        const id = JUDGE0_LANGUAGES.find((x) => x.language === l.language)?.id ?? 0;
        return { language: { id, name: names.get(id) ?? l.language }, count: l.count };
      }).sort((a, b) => b.count - a.count),
      statuses: c.byVerdict.map((v) => ({ status: statusOf(v.verdict), count: v.count })).sort((a, b) => b.count - a.count),
    };
  }

  /** `GET /statuses`. */
  statuses() {
    return JUDGE0_STATUSES.map((s) => ({ ...s }));
  }
}

/**
 * A Judge0 submission with `additional_files` as a submission of several files of ours: the
 * source (saved under the name our judge gives it, e.g. `main.cpp`, the entry point) beside the
 * zip's files, which the run finds in its working folder (`copyProgramToWorkDir`), as in Judge0.
 * Language 89: the zip's files are the whole program, `run` the entry, run by its scripts
 * (`MULTI_FILE_COMMANDS`). A zip file named as the source is replaced by the source.
 */
export function withAdditionalFiles(
  dto: CreateSubmissionDto, runOptions: RunOptions, zip: AdditionalFile[], multiFileProgram: boolean,
): { dto: CreateSubmissionDto; runOptions: RunOptions } | { error: string } {
  const asFile = (f: AdditionalFile): SubmissionFile => ({ path: f.path, content: f.content.toString('base64'), encoding: 'base64' });
  const { sourceCode, ...rest } = dto;
  if (multiFileProgram) {
    if (!zip.some((f) => f.path === 'run')) return { error: 'must contain a run script (language 89)' };
    return { dto: { ...rest, files: zip.map(asFile), entryPoint: 'run' }, runOptions: { ...runOptions, commands: MULTI_FILE_COMMANDS, copyProgramToWorkDir: true } };
  }
  const entry = judge0Language(JUDGE0_LANGUAGES.find((l) => l.language === dto.language)!.id)!.entry;
  const name = sourceFileName(entry, sourceCode ?? '');
  const files = [{ path: name, content: sourceCode ?? '', encoding: 'utf8' as const }, ...zip.filter((f) => f.path !== name).map(asFile)];
  return { dto: { ...rest, files, entryPoint: name }, runOptions: { ...runOptions, copyProgramToWorkDir: true } };
}
