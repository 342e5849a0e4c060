import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { LANGUAGE_IDS, LanguageId } from './language';
import { PROBLEM_ID_PATTERN } from './problem-id';
import {
  MAX_MEMORY_LIMIT_KB, MAX_OUTPUT_LIMIT_KB, MAX_PROCESS_LIMIT, MAX_TIME_LIMIT_MS, MAX_WALL_TIME_LIMIT_MS,
} from './limits';
import { SubmissionStatus, Verdict } from './verdict.enum';
import { MAX_FILE_PATH_LENGTH, SubmissionFileDto } from './submission-files';

/**
 * Text fields may not hold NUL (U+0000): PostgreSQL's text type cannot store it, and no source
 * file or judge's text needs it.
 */
export const NoNul = () => Matches(/^[^\u0000]*$/, { message: '$property must not contain NUL characters (\\u0000)' });

/** Largest accepted source file, bytes. */
export const MAX_SOURCE_BYTES = 256 * 1024;
/** Largest ad-hoc stdin / expected output, bytes. */
export const MAX_STDIN_BYTES = 16 * 1024 * 1024;

/** Per-submission limits; each overrides the problem's (or the default) value. */
export class LimitsDto {
  @ApiPropertyOptional({ description: 'CPU time per test, ms', minimum: 1, maximum: MAX_TIME_LIMIT_MS })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_TIME_LIMIT_MS)
  timeLimitMs?: number;

  @ApiPropertyOptional({ description: 'Wall time per test, ms', minimum: 1, maximum: MAX_WALL_TIME_LIMIT_MS })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_WALL_TIME_LIMIT_MS)
  wallTimeLimitMs?: number;

  @ApiPropertyOptional({ description: 'KiB', minimum: 1024, maximum: MAX_MEMORY_LIMIT_KB })
  @IsOptional() @IsInt() @Min(1024) @Max(MAX_MEMORY_LIMIT_KB)
  memoryLimitKb?: number;

  @ApiPropertyOptional({ description: 'KiB, each of stdout and stderr', minimum: 1, maximum: MAX_OUTPUT_LIMIT_KB })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_OUTPUT_LIMIT_KB)
  outputLimitKb?: number;

  @ApiPropertyOptional({ description: 'Processes and threads at once', minimum: 1, maximum: MAX_PROCESS_LIMIT })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_PROCESS_LIMIT)
  processLimit?: number;
}

/** Most files a body may list, whatever SUBMISSION_MAX_FILES says (that cap is checked after validation). */
export const MAX_SUBMISSION_FILES = 1000;

/**
 * Body of `POST /api/v1/submissions`. With `problemId` the source is judged on the problem's
 * tests; without, it runs once on `stdin` and, when `expectedOutput` is given, is checked against it.
 * The program is either `sourceCode` (one file) or `files` (several, or one in base64) with an
 * optional `entryPoint`: exactly one of `sourceCode` and `files`.
 */
export class CreateSubmissionDto {
  @ApiProperty({ enum: LANGUAGE_IDS, example: 'cpp' })
  @IsIn(LANGUAGE_IDS, { message: `language must be one of: ${LANGUAGE_IDS.join(', ')}` })
  language: LanguageId;

  @ApiPropertyOptional({
    example: '#include <cstdio>\nint main(){int a,b;scanf("%d%d",&a,&b);printf("%d\\n",a+b);}',
    description: 'the program as one file; required unless files is given',
  })
  @ValidateIf((o) => o.files === undefined || o.sourceCode !== undefined) @IsString() @IsNotEmpty() @MaxLength(MAX_SOURCE_BYTES) @NoNul()
  sourceCode?: string;

  @ApiPropertyOptional({
    type: [SubmissionFileDto],
    description: 'the program as files (instead of sourceCode): sources, headers, modules, data files. Caps: SUBMISSION_MAX_FILES files, '
      + 'SUBMISSION_MAX_FILE_BYTES each and SUBMISSION_MAX_TOTAL_BYTES in all (decoded bytes). Object files and binaries are CE.',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_SUBMISSION_FILES) @IsObject({ each: true, message: 'files must hold objects { path, content, encoding? }' })
  @ValidateNested({ each: true }) @Type(() => SubmissionFileDto)
  files?: SubmissionFileDto[];

  @ApiPropertyOptional({
    example: 'main.py', maxLength: MAX_FILE_PATH_LENGTH,
    description: "with files: the path of the file to run; default by the language's rule (the one source file, the one with main, main.py, Main.java, …)",
  })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(MAX_FILE_PATH_LENGTH)
  entryPoint?: string;

  @ApiPropertyOptional({ example: 'aplusb' })
  @IsOptional() @IsString() @Matches(PROBLEM_ID_PATTERN, { message: 'problemId must be a problem slug' })
  problemId?: string;

  @ApiPropertyOptional({ description: 'Input of an ad-hoc run (no problemId)' })
  @ValidateIf((o) => o.stdin !== undefined) @IsString() @MaxLength(MAX_STDIN_BYTES) @NoNul()
  stdin?: string;

  @ApiPropertyOptional({ description: 'Expected output of an ad-hoc run, checked with the token checker' })
  @ValidateIf((o) => o.expectedOutput !== undefined) @IsString() @MaxLength(MAX_STDIN_BYTES) @NoNul()
  expectedOutput?: string;

  @ApiPropertyOptional({ type: LimitsDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LimitsDto)
  limits?: LimitsDto;
}

/** Query of `GET /api/v1/submissions/:id`: long polling. */
export class GetSubmissionQueryDto {
  @ApiPropertyOptional({ description: 'Wait up to this many ms for a change', minimum: 0, maximum: 60000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(60000)
  waitMs?: number;

  @ApiPropertyOptional({ enum: SubmissionStatus, description: 'Answer as soon as the status differs from this' })
  @IsOptional() @IsIn(Object.values(SubmissionStatus))
  after?: SubmissionStatus;
}

/** One test's result. `timeMs` is CPU time; memory is the peak of the whole process tree. */
export interface TestResultView {
  /** 1-based position in the problem's test order. */
  index: number;
  /** null while not run; `skipped` tells a test left out after an earlier failure. */
  verdict: Verdict | null;
  skipped?: boolean;
  sample?: boolean;
  group?: string | null;
  timeMs: number | null;
  wallTimeMs: number | null;
  memoryKb: number | null;
  exitCode: number | null;
  /** Signal name that ended the program, e.g. "SIGSEGV". */
  signal: string | null;
  /** Points a custom checker gave a wrong answer in part (testlib's exit 7), on problems scored per test. */
  points?: number;
  /** Why the verdict was given, e.g. "wall time limit exceeded (sleeping?)" or the checker's message. */
  message?: string | null;
  /** Sample tests and ad-hoc runs only; cut at 64 KiB with a note. */
  stdout?: string;
  stderr?: string;
}

/** A file of a submission as its view lists it (the content is at `GET /submissions/:id/source`). */
export interface SubmissionFileInfo {
  path: string;
  /** Decoded size, bytes. */
  bytes: number;
}

/** A submission as `GET /api/v1/submissions/:id`, the WebSocket and the events show it. */
export interface SubmissionView {
  id: string;
  problemId: string | null;
  language: LanguageId;
  /** Submissions of several files only: their paths and sizes. */
  files?: SubmissionFileInfo[];
  /** Submissions of several files only: the entry point asked for (null: the language's rule). */
  entryPoint?: string | null;
  status: SubmissionStatus;
  verdict: Verdict | null;
  score: number | null;
  /** Largest CPU time over the tests run, ms. */
  timeMs: number | null;
  /** Largest peak memory over the tests run, KiB. */
  memoryKb: number | null;
  compileOutput: string | null;
  /** Number of tests to run. */
  testCount: number;
  tests: TestResultView[];
  /** Increases with every saved change; lets subscribers drop stale frames. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** Answer of `POST /api/v1/submissions`. */
export interface SubmissionAccepted {
  id: string;
  status: SubmissionStatus.Queued;
}
