import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MULTI_FILE_PROGRAM } from './judge0-languages';

/**
 * Judge0 CE 1.13's limits: defaults (what a field left out gets) and our maxima (what
 * `config_info` reports; where ours are larger than Judge0's, ours apply). Seconds and KB as
 * Judge0 counts them (KB = KiB here).
 */
export const JUDGE0_LIMITS = {
  cpuTimeLimit: 5, maxCpuTimeLimit: 15,
  cpuExtraTime: 1, maxCpuExtraTime: 5,
  wallTimeLimit: 10, maxWallTimeLimit: 60,
  memoryLimit: 128000, minMemoryLimit: 2048, maxMemoryLimit: 2097152,
  stackLimit: 64000, maxStackLimit: 2097152,
  maxProcessesAndOrThreads: 60, maxMaxProcessesAndOrThreads: 256,
  maxFileSize: 1024, maxMaxFileSize: 262144,
  numberOfRuns: 1, maxNumberOfRuns: 20,
  maxSourceBytes: 256 * 1024,
  maxOptionsLength: 512,
  maxBatchSize: 20,
} as const;

/** A number in JSON or in a string (Judge0's Rails API takes both). */
const numeric = () => Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value));
/** `true` / `false`, also as strings. */
const boolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
const L = JUDGE0_LIMITS;

/**
 * Body of `POST /judge0/submissions` (and each item of a batch): Judge0 CE 1.13's submission
 * fields, names, types and units. Text fields are base64 with `?base64_encoded=true`. Messages
 * use Judge0's wording; a failed field answers `422 { <field>: [<message>] }`.
 */
export class Judge0SubmissionDto {
  @ApiProperty({ description: 'program source (base64 with base64_encoded=true); not needed for language 89', example: '#include <stdio.h>\nint main(void) { char name[10]; scanf("%s", name); printf("hello, %s\\n", name); return 0; }' })
  @ValidateIf((o) => o.language_id !== MULTI_FILE_PROGRAM.id || o.source_code != null) @IsString({ message: "can't be blank" }) @MaxLength(L.maxSourceBytes * 2, { message: `is too long (maximum is ${L.maxSourceBytes} bytes)` })
  source_code: string;

  @ApiProperty({ example: 50, description: 'GET /judge0/languages' })
  @numeric() @IsInt({ message: "can't be blank" })
  language_id: number;

  @ApiPropertyOptional({ description: 'added to the compile command, split like a shell line', maxLength: L.maxOptionsLength })
  @IsOptional() @IsString({ message: 'must be a string' }) @MaxLength(L.maxOptionsLength, { message: `is too long (maximum is ${L.maxOptionsLength} characters)` })
  compiler_options?: string | null;

  @ApiPropertyOptional({ description: 'given to the program, split like a shell line', maxLength: L.maxOptionsLength })
  @IsOptional() @IsString({ message: 'must be a string' }) @MaxLength(L.maxOptionsLength, { message: `is too long (maximum is ${L.maxOptionsLength} characters)` })
  command_line_arguments?: string | null;

  @ApiPropertyOptional({ description: 'the program\'s input (base64 with base64_encoded=true)' })
  @IsOptional() @IsString({ message: 'must be a string' })
  stdin?: string | null;

  @ApiPropertyOptional({ description: 'compared with stdout as Judge0 does (trailing whitespace of lines ignored); base64 with base64_encoded=true' })
  @IsOptional() @IsString({ message: 'must be a string' })
  expected_output?: string | null;

  @ApiPropertyOptional({ description: 'CPU time per run, seconds', default: L.cpuTimeLimit, maximum: L.maxCpuTimeLimit })
  @IsOptional() @numeric() @IsNumber({}, { message: 'is not a number' }) @Min(0.001, { message: 'must be greater than 0' }) @Max(L.maxCpuTimeLimit, { message: `must be less than or equal to ${L.maxCpuTimeLimit}` })
  cpu_time_limit?: number | null;

  @ApiPropertyOptional({ description: 'seconds; accepted and shown, not needed: the CPU limit is measured exactly and the run stopped at it', default: L.cpuExtraTime, maximum: L.maxCpuExtraTime })
  @IsOptional() @numeric() @IsNumber({}, { message: 'is not a number' }) @Min(0, { message: 'must be greater than or equal to 0' }) @Max(L.maxCpuExtraTime, { message: `must be less than or equal to ${L.maxCpuExtraTime}` })
  cpu_extra_time?: number | null;

  @ApiPropertyOptional({ description: 'wall time per run, seconds', default: L.wallTimeLimit, maximum: L.maxWallTimeLimit })
  @IsOptional() @numeric() @IsNumber({}, { message: 'is not a number' }) @Min(0.001, { message: 'must be greater than 0' }) @Max(L.maxWallTimeLimit, { message: `must be less than or equal to ${L.maxWallTimeLimit}` })
  wall_time_limit?: number | null;

  @ApiPropertyOptional({ description: 'peak memory of the whole process tree, KB', default: L.memoryLimit, minimum: L.minMemoryLimit, maximum: L.maxMemoryLimit })
  @IsOptional() @numeric() @IsNumber({}, { message: 'is not a number' }) @Min(L.minMemoryLimit, { message: `must be greater than or equal to ${L.minMemoryLimit}` }) @Max(L.maxMemoryLimit, { message: `must be less than or equal to ${L.maxMemoryLimit}` })
  memory_limit?: number | null;

  @ApiPropertyOptional({ description: 'KB', default: L.stackLimit, maximum: L.maxStackLimit })
  @IsOptional() @numeric() @IsInt({ message: 'must be an integer' }) @Min(0, { message: 'must be greater than or equal to 0' }) @Max(L.maxStackLimit, { message: `must be less than or equal to ${L.maxStackLimit}` })
  stack_limit?: number | null;

  @ApiPropertyOptional({ default: L.maxProcessesAndOrThreads, maximum: L.maxMaxProcessesAndOrThreads })
  @IsOptional() @numeric() @IsInt({ message: 'must be an integer' }) @Min(1, { message: 'must be greater than or equal to 1' }) @Max(L.maxMaxProcessesAndOrThreads, { message: `must be less than or equal to ${L.maxMaxProcessesAndOrThreads}` })
  max_processes_and_or_threads?: number | null;

  @ApiPropertyOptional({ description: 'accepted; the CPU time limit always applies to the whole process tree (stricter)', default: false })
  @IsOptional() @boolean() @IsBoolean({ message: 'must be true or false' })
  enable_per_process_and_thread_time_limit?: boolean | null;

  @ApiPropertyOptional({ description: 'accepted; the memory limit always applies to the whole process tree (stricter)', default: false })
  @IsOptional() @boolean() @IsBoolean({ message: 'must be true or false' })
  enable_per_process_and_thread_memory_limit?: boolean | null;

  @ApiPropertyOptional({ description: 'largest output (each of stdout and stderr), KB; over it: Runtime Error (SIGXFSZ)', default: L.maxFileSize, maximum: L.maxMaxFileSize })
  @IsOptional() @numeric() @IsInt({ message: 'must be an integer' }) @Min(1, { message: 'must be greater than or equal to 1' }) @Max(L.maxMaxFileSize, { message: `must be less than or equal to ${L.maxMaxFileSize}` })
  max_file_size?: number | null;

  @ApiPropertyOptional({ description: 'runs of the same input, compiled once; time is their mean, memory their peak', default: L.numberOfRuns, maximum: L.maxNumberOfRuns })
  @IsOptional() @numeric() @IsInt({ message: 'must be an integer' }) @Min(1, { message: 'must be greater than or equal to 1' }) @Max(L.maxNumberOfRuns, { message: `must be less than or equal to ${L.maxNumberOfRuns}` })
  number_of_runs?: number | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @boolean() @IsBoolean({ message: 'must be true or false' })
  redirect_stderr_to_stdout?: boolean | null;

  @ApiPropertyOptional({ description: 'only false: programs never reach the network here (true → 422)', default: false })
  @IsOptional() @boolean() @IsBoolean({ message: 'must be true or false' })
  enable_network?: boolean | null;

  @ApiPropertyOptional({ description: 'http(s) URL that receives the result with PUT once finished (signed, retried; docs/judge0.md)' })
  @IsOptional() @IsString({ message: 'must be a string' }) @MaxLength(2048, { message: 'is too long (maximum is 2048 characters)' })
  callback_url?: string | null;

  @ApiPropertyOptional({ description: 'base64 of a zip (at most 10240 KB unpacked) whose files are put beside the program, in its working folder; language 89: the whole program, with a run script and optionally a compile script' })
  @IsOptional() @IsString({ message: 'must be a string' })
  additional_files?: string | null;
}
