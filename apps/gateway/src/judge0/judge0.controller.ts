import { Body, Controller, Delete, Get, Header, HttpException, HttpStatus, Param, PipeTransform, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { arch, cpus, freemem, hostname, platform, release, totalmem, uptime } from 'node:os';
import { AppConfig } from '@app/config';
import { Role } from '@app/contracts';
import { CurrentIdentity, Public, Roles } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { MAX_EXTRACT_BYTES } from './additional-files';
import { Judge0SubmissionDto, JUDGE0_LIMITS } from './judge0.dto';
import { Judge0Error, Judge0ExceptionFilter } from './judge0.errors';
import { Judge0Field, parseFields } from './judge0.mapper';
import { Judge0Service } from './judge0.service';

/** The Judge0 CE version whose API this implements (`GET /judge0/version`). */
export const JUDGE0_COMPATIBLE_VERSION = '1.13.1';

const flag = (v: string | undefined) => v === 'true';

/** Judge0's query parameters are given once each: a repeated one (`?fields=a&fields=b`) is `400 { error }` naming it. */
const ONE_VALUE_EACH: PipeTransform<Record<string, unknown>> = {
  transform(q) {
    for (const [name, value] of Object.entries(q ?? {})) {
      if (Array.isArray(value)) throw Judge0Error.error(HttpStatus.BAD_REQUEST, `${name}: give this query parameter once`);
    }
    return q;
  },
};

/** `?fields=` → the list. @throws Judge0Error 400 `{ error: "invalid fields: [a, b]" }` */
function fieldsOf(fields: string | undefined): Judge0Field[] {
  const parsed = parseFields(fields);
  if ('invalid' in parsed) throw Judge0Error.error(HttpStatus.BAD_REQUEST, `invalid fields: [${parsed.invalid.join(', ')}]`);
  return parsed;
}

const BASE64_QUERY = ApiQuery({ name: 'base64_encoded', required: false, enum: ['true', 'false'], description: 'text fields (source_code, stdin, expected_output, stdout, stderr, compile_output, message) in base64' });
const FIELDS_QUERY = ApiQuery({ name: 'fields', required: false, description: 'comma-separated fields, or * for all; default stdout,time,memory,stderr,token,compile_output,message,status' });

/**
 * Judge0 CE 1.13's API under `/judge0` (docs/judge0.md): Judge0's field names, units (seconds,
 * KB), status ids and language ids, and its error shapes (`422 { field: [messages] }`,
 * `{ error }`). Authenticated like the rest (`X-Auth-Token` or `Authorization: Bearer`), with the
 * same rate limits; submissions belong to the caller (someone else's token is 404).
 */
@ApiTags('judge0')
@UseFilters(Judge0ExceptionFilter)
@Controller('judge0')
export class Judge0Controller {
  constructor(
    private readonly judge0: Judge0Service,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates a submission: `201 { token }`, or with `wait=true` the finished submission (`fields`).
   * `422 { field: [messages] }` for a bad field, `503 { error: "queue is full" }` past
   * `JUDGE0_MAX_QUEUE_SIZE` waiting submissions.
   */
  @Post('submissions')
  @ApiOperation({ summary: 'Create a submission (Judge0)' })
  @ApiBody({ type: Judge0SubmissionDto })
  @BASE64_QUERY @FIELDS_QUERY
  @ApiQuery({ name: 'wait', required: false, enum: ['true', 'false'], description: 'answer once finished, with the submission' })
  @ApiCreatedResponse({ description: '{ token }, or the submission with wait=true' })
  @ApiResponse({ status: 422, description: '{ <field>: [<message>] }' })
  @ApiResponse({ status: 503, description: '{ error: "queue is full" }' })
  async create(
    @Body() body: Record<string, unknown>,
    @Query(ONE_VALUE_EACH) q: Record<string, string | undefined>,
    @CurrentIdentity() identity: Identity,
  ): Promise<Record<string, unknown>> {
    const base64 = flag(q.base64_encoded);
    const fields = fieldsOf(q.fields);
    await this.judge0.assertQueueRoom(1);
    const made = await this.judge0.create(body, base64, identity);
    if ('errors' in made) throw Judge0Error.fields(made.errors);
    if (!flag(q.wait)) return made;
    const s = await this.judge0.waitFinished(made.token, identity);
    if (!s) throw Judge0Error.error(HttpStatus.NOT_FOUND, 'Not Found'); // deleted meanwhile
    return this.judge0.show(s, fields, base64);
  }

  /**
   * Creates 1–20 submissions: `201 [{ token } | { field: [messages] } | { error }]`, one per item,
   * in order (`{ error }`: that item refused, e.g. past MAX_QUEUED_PER_USER).
   */
  @Post('submissions/batch')
  @ApiOperation({ summary: 'Create several submissions (Judge0)' })
  @ApiBody({ schema: { type: 'object', properties: { submissions: { type: 'array', minItems: 1, maxItems: JUDGE0_LIMITS.maxBatchSize, items: { $ref: '#/components/schemas/Judge0SubmissionDto' } } } } })
  @BASE64_QUERY
  @ApiCreatedResponse({ description: '[{ token } or { <field>: [<message>] }]' })
  async createBatch(
    @Body() body: Record<string, unknown>,
    @Query(ONE_VALUE_EACH) q: Record<string, string | undefined>,
    @CurrentIdentity() identity: Identity,
  ): Promise<Array<Record<string, unknown>>> {
    const items = body?.submissions;
    const max = JUDGE0_LIMITS.maxBatchSize;
    if (!Array.isArray(items) || items.length === 0) throw Judge0Error.fields({ submissions: ['must be a non-empty array'] });
    if (items.length > max) throw Judge0Error.fields({ submissions: [`number of submissions in a batch should be less than or equal to ${max}`] });
    await this.judge0.assertQueueRoom(items.length);
    const out: Array<Record<string, unknown>> = [];
    for (const item of items) {
      try {
        const made = await this.judge0.create(item, flag(q.base64_encoded), identity);
        out.push('errors' in made ? made.errors : made);
      } catch (e) {
        // One item refused (e.g. MAX_QUEUED_PER_USER reached mid-batch): the others keep their answers.
        if (!(e instanceof HttpException)) throw e;
        const body = e.getResponse();
        out.push({ error: typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? e.message) });
      }
    }
    return out;
  }

  /** `{ submissions: [...] }` for comma-separated `tokens` (1–20), in order; null for a token not found. */
  @Get('submissions/batch')
  @ApiOperation({ summary: 'Get several submissions (Judge0)' })
  @ApiQuery({ name: 'tokens', required: true, description: 'comma-separated, at most 20' })
  @BASE64_QUERY @FIELDS_QUERY
  @ApiOkResponse({ description: '{ submissions: [...] }' })
  async getBatch(@Query(ONE_VALUE_EACH) q: Record<string, string | undefined>, @CurrentIdentity() identity: Identity): Promise<{ submissions: Array<Record<string, unknown> | null> }> {
    const tokens = (q.tokens ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const max = JUDGE0_LIMITS.maxBatchSize;
    if (tokens.length === 0) throw Judge0Error.fields({ tokens: ["can't be blank"] });
    if (tokens.length > max) throw Judge0Error.fields({ tokens: [`number of tokens in a batch should be less than or equal to ${max}`] });
    const fields = fieldsOf(q.fields);
    const base64 = flag(q.base64_encoded);
    const submissions = await Promise.all(tokens.map(async (t) => {
      const s = await this.judge0.find(t, identity);
      return s ? this.judge0.show(s, fields, base64) : null;
    }));
    return { submissions };
  }

  /** The submission in Judge0's shape (`fields`, `base64_encoded`); 404 `{ error: "Not Found" }`. */
  @Get('submissions/:token')
  @ApiOperation({ summary: 'Get a submission (Judge0)' })
  @BASE64_QUERY @FIELDS_QUERY
  @ApiOkResponse({ description: 'the submission\'s fields' })
  @ApiResponse({ status: 404, description: '{ error: "Not Found" }' })
  async get(@Param('token') token: string, @Query(ONE_VALUE_EACH) q: Record<string, string | undefined>, @CurrentIdentity() identity: Identity): Promise<Record<string, unknown>> {
    const fields = fieldsOf(q.fields);
    const s = await this.judge0.find(token, identity);
    if (!s) throw Judge0Error.error(HttpStatus.NOT_FOUND, 'Not Found');
    return this.judge0.show(s, fields, flag(q.base64_encoded));
  }

  /** Deletes a finished submission of the caller's and returns it, when `JUDGE0_ENABLE_SUBMISSION_DELETE=true`. */
  @Delete('submissions/:token')
  @ApiOperation({ summary: 'Delete a finished submission (Judge0; JUDGE0_ENABLE_SUBMISSION_DELETE)' })
  @BASE64_QUERY @FIELDS_QUERY
  @ApiOkResponse({ description: 'the deleted submission\'s fields' })
  remove(@Param('token') token: string, @Query(ONE_VALUE_EACH) q: Record<string, string | undefined>, @CurrentIdentity() identity: Identity): Promise<Record<string, unknown>> {
    return this.judge0.remove(token, identity, fieldsOf(q.fields), flag(q.base64_encoded));
  }

  /** `[{ id, name }]`: the languages our judges run, by Judge0 id. */
  @Get('languages')
  @Public()
  @ApiOkResponse({ description: '[{ id, name }]' })
  languages() {
    return this.judge0.languages(false);
  }

  /** Every id accepted, archived ones (Judge0 CE's older ids of the same languages) included. */
  @Get('languages/all')
  @Public()
  @ApiOkResponse({ description: '[{ id, name, is_archived }]' })
  allLanguages() {
    return this.judge0.languages(true);
  }

  /** `{ id, name, is_archived, source_file, compile_cmd, run_cmd }`; 404 for an unknown id. */
  @Get('languages/:id')
  @Public()
  @ApiOkResponse({ description: '{ id, name, is_archived, source_file, compile_cmd, run_cmd }' })
  language(@Param('id') id: string) {
    if (!/^\d{1,9}$/.test(id)) throw Judge0Error.error(HttpStatus.NOT_FOUND, 'Not Found');
    return this.judge0.language(Number(id));
  }

  /** Judge0's statuses 1–14. */
  @Get('statuses')
  @Public()
  @ApiOkResponse({ description: '[{ id, description }]' })
  statuses() {
    return this.judge0.statuses();
  }

  @Get('about')
  @Public()
  @ApiOkResponse({ description: '{ version, homepage, source_code, maintainer }' })
  about() {
    return {
      version: JUDGE0_COMPATIBLE_VERSION, homepage: null, source_code: null, maintainer: null,
      engine: 'online-judge (Judge0-compatible API; see docs/judge0.md)',
    };
  }

  /** The Judge0 CE version whose API this is, as text. */
  @Get('version')
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  version(): string {
    return JUDGE0_COMPATIBLE_VERSION;
  }

  /** Judge0's configuration keys, with this server's real defaults and maxima. */
  @Get('config_info')
  @Public()
  @ApiOkResponse({ description: "Judge0's configuration keys" })
  configInfo() {
    const L = JUDGE0_LIMITS;
    return {
      maintenance_mode: false, enable_wait_result: true, enable_compiler_options: true, allowed_languages_for_compile_options: [],
      enable_command_line_arguments: true, enable_submission_delete: this.config.judge0EnableSubmissionDelete, enable_callbacks: true,
      callbacks_max_tries: this.config.callbackMaxTries, callbacks_timeout: this.config.callbackTimeoutMs / 1000, enable_additional_files: true,
      max_queue_size: this.config.judge0MaxQueueSize,
      cpu_time_limit: L.cpuTimeLimit, max_cpu_time_limit: L.maxCpuTimeLimit, cpu_extra_time: L.cpuExtraTime, max_cpu_extra_time: L.maxCpuExtraTime,
      wall_time_limit: L.wallTimeLimit, max_wall_time_limit: L.maxWallTimeLimit, memory_limit: L.memoryLimit, max_memory_limit: L.maxMemoryLimit,
      stack_limit: L.stackLimit, max_stack_limit: L.maxStackLimit, max_processes_and_or_threads: L.maxProcessesAndOrThreads,
      max_max_processes_and_or_threads: L.maxMaxProcessesAndOrThreads,
      enable_per_process_and_thread_time_limit: false, allow_enable_per_process_and_thread_time_limit: true,
      enable_per_process_and_thread_memory_limit: false, allow_enable_per_process_and_thread_memory_limit: true,
      max_file_size: L.maxFileSize, max_max_file_size: L.maxMaxFileSize, number_of_runs: L.numberOfRuns, max_number_of_runs: L.maxNumberOfRuns,
      redirect_stderr_to_stdout: false, max_extract_size: MAX_EXTRACT_BYTES / 1024, enable_batched_submissions: true, max_submission_batch_size: L.maxBatchSize,
      submission_cache_duration: 0, use_docs_as_homepage: false, allow_enable_network: false, enable_network: false,
    };
  }

  /** The gateway's host, as Judge0's `lscpu`-style keys (any signed-in identity). */
  @Get('system_info')
  @ApiOkResponse({ description: 'CPU and memory of the gateway host' })
  systemInfo() {
    const cpu = cpus();
    return {
      Architecture: arch(), 'CPU(s)': String(cpu.length), 'Model name': cpu[0]?.model ?? 'unknown', Hostname: hostname(),
      'Operating system': `${platform()} ${release()}`, Mem: `${Math.round(totalmem() / 1048576)} MiB`, 'Mem available': `${Math.round(freemem() / 1048576)} MiB`,
      Uptime: `${Math.round(uptime())} s`,
    };
  }

  /** Counts of the caller's submissions (an admin's: everyone's) by language and status. */
  @Get('statistics')
  @ApiOkResponse({ description: '{ now, submissions: { total, today }, languages: [...], statuses: [...] }' })
  statistics(@CurrentIdentity() identity: Identity) {
    return this.judge0.statistics(identity);
  }

  /** The queue and the judges working it (admins). */
  @Get('workers')
  @Roles(Role.Admin)
  @ApiOkResponse({ description: '[{ queue, size, available, idle, working, paused, failed }]' })
  workers() {
    return this.judge0.workers();
  }
}
