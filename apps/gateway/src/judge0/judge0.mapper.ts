import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateSubmissionDto, LimitsDto, RunOptions, SubmissionStatus, TestResultView, Verdict } from '@app/contracts';
import type { SubmissionEntity } from '@app/persistence';
import { Judge0SubmissionDto, JUDGE0_LIMITS } from './judge0.dto';
import { judge0IdOf, judge0Language, MULTI_FILE_PROGRAM } from './judge0-languages';
import { judge0Status, Judge0Status, signalNumber } from './judge0-statuses';
import { shellWords } from './shell-words';

/** Judge0's 422 body: each failed field with its messages. */
export type Judge0FieldErrors = Record<string, string[]>;

/** A Judge0 submission as our model takes it: the v1 body plus run options and the callback URL. */
export interface MappedSubmission {
  dto: CreateSubmissionDto;
  runOptions: RunOptions;
  callbackUrl: string | null;
  /** `additional_files` as sent (base64 of a zip), for the service to unpack; null without. */
  additionalFiles: string | null;
  /** Language 89: the zip is the whole program, run by its scripts. */
  multiFileProgram: boolean;
}

/** Every field a Judge0 submission shows with `?fields=*`, in Judge0's order. */
export const ALL_FIELDS = [
  'source_code', 'language_id', 'stdin', 'expected_output', 'stdout', 'status_id', 'created_at', 'finished_at', 'time', 'memory', 'stderr',
  'token', 'number_of_runs', 'cpu_time_limit', 'cpu_extra_time', 'wall_time_limit', 'memory_limit', 'stack_limit', 'max_processes_and_or_threads',
  'enable_per_process_and_thread_time_limit', 'enable_per_process_and_thread_memory_limit', 'max_file_size', 'compile_output', 'exit_code',
  'exit_signal', 'message', 'wall_time', 'compiler_options', 'command_line_arguments', 'redirect_stderr_to_stdout', 'callback_url',
  'additional_files', 'enable_network', 'status', 'language',
] as const;
export type Judge0Field = (typeof ALL_FIELDS)[number];

/** Judge0's default field set of `GET /submissions/:token` (and of `wait=true`, batch GET, callbacks). */
export const DEFAULT_FIELDS: readonly Judge0Field[] = ['stdout', 'time', 'memory', 'stderr', 'token', 'compile_output', 'message', 'status'];

/** Text fields sent and shown base64-encoded with `?base64_encoded=true`. */
const TEXT_FIELDS = new Set<string>(['source_code', 'stdin', 'expected_output', 'stdout', 'stderr', 'compile_output', 'message']);

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * `?fields=` as a list: absent → the default set; `*` → all; else comma-separated names.
 * @returns the fields, or `{ invalid }` naming the unknown ones (Judge0 answers 400 for them).
 */
export function parseFields(fields: string | undefined): Judge0Field[] | { invalid: string[] } {
  if (fields === undefined || fields.trim() === '') return [...DEFAULT_FIELDS];
  const names = fields.split(',').map((f) => f.trim()).filter(Boolean);
  if (names.includes('*')) return [...ALL_FIELDS];
  const invalid = names.filter((n) => !(ALL_FIELDS as readonly string[]).includes(n));
  return invalid.length ? { invalid } : (names as Judge0Field[]);
}

/**
 * A Judge0 submission body → our model, or the per-field errors Judge0 would answer with 422.
 * Units: seconds → ms, KB → KiB; `max_file_size` becomes the output limit (Judge0's stdout is a
 * file that size limit stops); unset fields get Judge0's defaults (`JUDGE0_LIMITS`).
 */
export function fromJudge0(body: unknown, base64: boolean): MappedSubmission | { errors: Judge0FieldErrors } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { errors: { submission: ['must be a JSON object'] } };
  const dto = plainToInstance(Judge0SubmissionDto, body);
  const errors: Judge0FieldErrors = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  // class-validator lists a property's failed constraints last decorator first: the last one is the type check.
  for (const e of validateSync(dto, { forbidUnknownValues: false })) fail(e.property, Object.values(e.constraints ?? {}).at(-1) ?? 'is invalid');

  const text = (field: 'source_code' | 'stdin' | 'expected_output'): string | undefined => {
    const v = dto[field];
    if (typeof v !== 'string' || errors[field]) return undefined;
    if (!base64) return v;
    if (!BASE64.test(v)) {
      fail(field, 'is not valid base64');
      return undefined;
    }
    return Buffer.from(v, 'base64').toString('utf8');
  };
  const source = text('source_code');
  const stdin = text('stdin');
  const expected = text('expected_output');
  for (const [field, v] of [['source_code', source], ['stdin', stdin], ['expected_output', expected]] as const) {
    if (v?.includes('\u0000')) fail(field, 'must not contain NUL characters');
  }
  const multiFile = dto.language_id === MULTI_FILE_PROGRAM.id;
  if (source !== undefined && source.trim() === '' && !multiFile) fail('source_code', "can't be blank");
  if (source !== undefined && Buffer.byteLength(source) > JUDGE0_LIMITS.maxSourceBytes) fail('source_code', `is too long (maximum is ${JUDGE0_LIMITS.maxSourceBytes} bytes)`);

  const language = typeof dto.language_id === 'number' && !errors.language_id ? judge0Language(dto.language_id) : undefined;
  if (!errors.language_id && !language) fail('language_id', `language with id ${dto.language_id} doesn't exist`);
  if (dto.enable_network === true) fail('enable_network', 'enabling network is not allowed: programs never reach the network on this server');
  if (typeof dto.additional_files === 'string' && !errors.additional_files && !BASE64.test(dto.additional_files)) fail('additional_files', 'is not valid base64');
  if (multiFile && dto.additional_files == null && !errors.additional_files) fail('additional_files', "can't be blank");

  const words = (field: 'compiler_options' | 'command_line_arguments'): string[] | undefined => {
    const v = dto[field];
    if (typeof v !== 'string' || errors[field]) return undefined;
    try {
      return shellWords(v);
    } catch (e) {
      fail(field, (e as Error).message);
      return undefined;
    }
  };
  const compilerOptions = words('compiler_options');
  const commandLineArguments = words('command_line_arguments');

  let callbackUrl: string | null = null;
  if (typeof dto.callback_url === 'string' && !errors.callback_url) {
    try {
      const u = new URL(dto.callback_url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      callbackUrl = u.toString();
    } catch {
      fail('callback_url', 'is not a valid http(s) URL');
    }
  }
  if (Object.keys(errors).length) return { errors };

  const L = JUDGE0_LIMITS;
  const cpu = dto.cpu_time_limit ?? L.cpuTimeLimit;
  const limits: LimitsDto = {
    timeLimitMs: Math.max(1, Math.round(cpu * 1000)),
    wallTimeLimitMs: Math.max(1, Math.round((dto.wall_time_limit ?? L.wallTimeLimit) * 1000)),
    memoryLimitKb: Math.round(dto.memory_limit ?? L.memoryLimit),
    outputLimitKb: dto.max_file_size ?? L.maxFileSize,
    processLimit: dto.max_processes_and_or_threads ?? L.maxProcessesAndOrThreads,
  };
  const stack = dto.stack_limit ?? L.stackLimit;
  const runOptions: RunOptions = {
    comparison: 'lines',
    ...(compilerOptions?.length ? { compilerOptions } : {}),
    ...(commandLineArguments?.length ? { commandLineArguments } : {}),
    ...(dto.redirect_stderr_to_stdout ? { redirectStderrToStdout: true } : {}),
    ...((dto.number_of_runs ?? 1) > 1 ? { numberOfRuns: dto.number_of_runs! } : {}),
    ...(stack > 0 ? { stackLimitKb: stack } : {}),
  };
  const created: CreateSubmissionDto = {
    language: language!.entry.language, sourceCode: source ?? '', stdin: stdin ?? '', limits,
    ...(expected !== undefined ? { expectedOutput: expected } : {}),
  };
  return { dto: created, runOptions, callbackUrl, additionalFiles: dto.additional_files ?? null, multiFileProgram: multiFile };
}

/** The test whose ending decides a Judge0 result: the first failing one, else the last that ran. */
function decisiveTest(tests: readonly TestResultView[]): TestResultView | undefined {
  const ran = tests.filter((t) => t.verdict !== null && !t.skipped);
  return ran.find((t) => t.verdict !== Verdict.AC) ?? ran[ran.length - 1];
}

const seconds = (ms: number | null): string | null => (ms === null ? null : (ms / 1000).toFixed(3));
const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const orNull = (s: string | null | undefined): string | null => (s ? s : null);

/**
 * A submission of ours in Judge0's shape, every field (`ALL_FIELDS`): `time` and `wall_time` in
 * seconds as strings with 3 decimals (the mean over `number_of_runs`), `memory` in KB (the peak),
 * `stdout` / `stderr` / `exit_code` / `exit_signal` of the deciding run, empty text as null.
 * `languageName` gives the name `language` shows.
 */
export function toJudge0(s: SubmissionEntity, languageName: (id: number) => string): Record<Judge0Field, unknown> {
  const decisive = decisiveTest(s.tests);
  const { status, message } = judge0Status(s, decisive);
  const ran = s.tests.filter((t) => t.verdict !== null && !t.skipped);
  const time = mean(ran.map((t) => t.timeMs).filter((x): x is number => x !== null));
  const wall = mean(ran.map((t) => t.wallTimeMs).filter((x): x is number => x !== null));
  const memory = ran.reduce<number | null>((m, t) => (t.memoryKb === null ? m : Math.max(m ?? 0, t.memoryKb)), null);
  const finished = s.status === SubmissionStatus.Finished;
  // An internal error's reason is kept where compile output goes; Judge0 shows it as the message.
  const internal = finished && s.verdict === Verdict.IE;
  // A multi-file program (89) is ours in bash with its own commands.
  const languageId = s.runOptions?.commands ? MULTI_FILE_PROGRAM.id : judge0IdOf(s.language);
  const o = s.runOptions ?? {};
  const l = s.limits;
  return {
    // With additional files, the source is the entry file of ours; a multi-file program has none.
    source_code: s.runOptions?.commands ? null : s.files ? (s.files.find((f) => f.path === s.entryPoint && f.encoding !== 'base64')?.content ?? null) : s.sourceCode,
    language_id: languageId,
    stdin: s.stdin,
    expected_output: s.expectedOutput,
    stdout: orNull(decisive?.stdout),
    status_id: status.id,
    created_at: new Date(s.createdAt).toISOString(),
    finished_at: finished ? new Date(s.updatedAt).toISOString() : null,
    time: seconds(time === null ? null : Math.round(time)),
    memory,
    stderr: orNull(decisive?.stderr),
    token: s.id,
    number_of_runs: o.numberOfRuns ?? 1,
    cpu_time_limit: l.timeLimitMs === undefined ? null : l.timeLimitMs / 1000,
    cpu_extra_time: JUDGE0_LIMITS.cpuExtraTime,
    wall_time_limit: l.wallTimeLimitMs === undefined ? null : l.wallTimeLimitMs / 1000,
    memory_limit: l.memoryLimitKb ?? null,
    stack_limit: o.stackLimitKb ?? 0,
    max_processes_and_or_threads: l.processLimit ?? null,
    enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    max_file_size: l.outputLimitKb ?? null,
    compile_output: internal ? null : orNull(s.compileOutput),
    exit_code: finished && decisive ? decisive.exitCode : null,
    exit_signal: finished && decisive ? signalNumber(decisive.signal) : null,
    message: internal ? orNull(s.compileOutput) ?? 'internal error' : message,
    wall_time: seconds(wall === null ? null : Math.round(wall)),
    compiler_options: o.compilerOptions?.join(' ') ?? null,
    command_line_arguments: o.commandLineArguments?.join(' ') ?? null,
    redirect_stderr_to_stdout: o.redirectStderrToStdout ?? false,
    callback_url: s.callback?.url ?? null,
    additional_files: null,
    enable_network: false,
    status: status satisfies Judge0Status,
    language: { id: languageId, name: languageName(languageId) },
  };
}

/** The chosen `fields` of a Judge0 record, text fields base64-encoded when asked. */
export function pickFields(all: Record<Judge0Field, unknown>, fields: readonly Judge0Field[], base64: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = all[f];
    out[f] = base64 && TEXT_FIELDS.has(f) && typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : v;
  }
  return out;
}
