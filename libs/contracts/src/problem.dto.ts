import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Exclude, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max,
  MaxLength, Min, ValidateNested,
} from 'class-validator';
import { LANGUAGE_IDS, LanguageId } from './language';
import { PROBLEM_ID_PATTERN } from './problem-id';
import { MAX_MEMORY_LIMIT_KB, MAX_OUTPUT_LIMIT_KB, MAX_TIME_LIMIT_MS } from './limits';
import { NoNul } from './submission.dto';
import { MAX_FILE_PATH_LENGTH, SubmissionFileDto } from './submission-files';

export const CHECKER_TYPES = ['tokens', 'exact', 'custom', 'interactive'] as const;
export type CheckerType = (typeof CHECKER_TYPES)[number];
export const CHECKER_PROTOCOLS = ['kattis', 'testlib'] as const;
export type CheckerProtocol = (typeof CHECKER_PROTOCOLS)[number];

/**
 * How a test's output is judged. `tokens` is the ICPC default output validator (whitespace runs,
 * trailing newlines, CRLF and letter case ignored unless the flags say otherwise; numbers within
 * `absoluteTolerance` or `relativeTolerance` pass); `exact` compares bytes; `custom` runs a
 * checker program (`source` in `language`); `interactive` makes the problem interactive: `source`
 * is the validator that talks with the submission over pipes (`validator input answer
 * feedback_dir`, exit 42 accepted, 43 wrong, ICPC problem package format). A checker or
 * validator of several files gives `files` (and optionally `entryPoint`) instead of `source`,
 * built as a submission of several files is.
 */
export class CheckerDto {
  @ApiProperty({ enum: CHECKER_TYPES, default: 'tokens' })
  @IsIn(CHECKER_TYPES)
  type: CheckerType = 'tokens';

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  caseSensitive?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  spaceChangeSensitive?: boolean;

  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsNumber() @Min(0)
  absoluteTolerance?: number;

  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsNumber() @Min(0)
  relativeTolerance?: number;

  @ApiPropertyOptional({ description: 'Source of a custom checker program, or of an interactive problem\'s validator' })
  @IsOptional() @IsString() @MaxLength(1 << 20) @NoNul()
  source?: string;

  @ApiPropertyOptional({
    type: [SubmissionFileDto],
    description: 'A custom checker or validator of several files (instead of source), e.g. two .cc files and a header; built like a submission of several files. Never shown by the API',
  })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsObject({ each: true, message: 'checker.files must hold objects { path, content, encoding? }' })
  @ValidateNested({ each: true }) @Type(() => SubmissionFileDto)
  files?: SubmissionFileDto[];

  @ApiPropertyOptional({ description: 'with files: the path of the file to run (default: the language\'s rule, e.g. the file with main)', maxLength: MAX_FILE_PATH_LENGTH })
  @IsOptional() @IsString() @MaxLength(MAX_FILE_PATH_LENGTH)
  entryPoint?: string;

  @ApiPropertyOptional({ enum: LANGUAGE_IDS }) @IsOptional() @IsIn(LANGUAGE_IDS)
  language?: LanguageId;

  @ApiPropertyOptional({
    enum: CHECKER_PROTOCOLS, default: 'kattis',
    description: 'kattis: `checker input answer feedback_dir < output`, exit 42 accepted / 43 wrong, message in judgemessage.txt; '
      + 'testlib: `checker input output answer`, exit 0 accepted, 1 wrong, 2 presentation error (wrong), 3 checker failure, 7 partial',
  })
  @IsOptional() @IsIn(CHECKER_PROTOCOLS)
  protocol?: CheckerProtocol;
}

/** Longest sample interaction shown, characters. */
export const MAX_INTERACTION_CHARS = 1024 * 1024;

/** One test case: `input` fed on stdin, `output` the expected answer. */
export class TestCaseDto {
  @ApiProperty() @IsString() @NoNul()
  input: string;

  @ApiProperty({ description: 'Expected answer' }) @IsString() @NoNul()
  output: string;

  @ApiPropertyOptional({ description: 'Sample tests are visible to everyone, with their data' })
  @IsOptional() @IsBoolean()
  sample?: boolean;

  @ApiPropertyOptional({ description: 'Points for this test when the problem is scored per test' })
  @IsOptional() @IsNumber() @Min(0)
  points?: number;

  @ApiPropertyOptional({ description: 'Name of the group (subtask) this test belongs to' })
  @IsOptional() @IsString() @MaxLength(200)
  group?: string;

  @ApiPropertyOptional({
    description: 'Interactive problems\' samples: the conversation shown as the sample (lines ">" sent to the program, "<" what it prints), as in a package\'s data/sample/*.interaction',
    example: '> 10\n< ? 5\n> <\n',
  })
  @IsOptional() @IsString() @NoNul() @MaxLength(MAX_INTERACTION_CHARS)
  interaction?: string;
}

/** A group (subtask): scores its points only when all of its tests pass. */
export class TestGroupDto {
  @ApiProperty() @IsString() @MaxLength(200)
  name: string;

  @ApiProperty({ minimum: 0 }) @IsNumber() @Min(0)
  points: number;
}

/** A parameter of a function problem's function or method. */
export class ParamDto {
  @ApiProperty({ example: 'nums' }) name: string;
  @ApiProperty({ example: 'int[]', description: 'int, long, double, bool, string, char, T[] and T[][] of these, ListNode, TreeNode' }) type: string;
}

/**
 * `function` of a function problem (LeetCode's shape): the user writes this function (in
 * `class Solution` where the language has one); the judge calls it with each test's arguments.
 */
export class FunctionSignatureDto {
  @ApiProperty({ example: 'twoSum', description: 'As in C, C++, Java, Python, JavaScript; Rust uses its snake_case form (two_sum)' }) name: string;
  @ApiProperty({ type: [ParamDto] }) params: ParamDto[];
  @ApiProperty({ example: 'int[]', description: 'a type, or void: the result is then the first parameter after the call (in-place problems)' }) returns: string;
  @ApiPropertyOptional({ description: 'the result\'s arrays may come in any order (compared as multisets at every level)', default: false }) anyOrder?: boolean;
}

export class MethodSignatureDto {
  @ApiProperty({ example: 'getMin' }) name: string;
  @ApiProperty({ type: [ParamDto] }) params: ParamDto[];
  @ApiProperty({ example: 'int', description: 'a type or void' }) returns: string;
}

/** OpenAPI schema of `class` (a property named `constructor` cannot be a DTO class field). */
const CLASS_SCHEMA = {
  type: 'object',
  description: 'A design problem: the user writes this class; a test replays LeetCode\'s two-line calls',
  required: ['name', 'methods'],
  properties: {
    name: { type: 'string', example: 'MinStack' },
    constructor: { type: 'object', properties: { params: { type: 'array', items: { $ref: '#/components/schemas/ParamDto' } } } },
    methods: { type: 'array', items: { $ref: '#/components/schemas/MethodSignatureDto' } },
  },
};

/** `class` of a design problem. */
export interface ClassSignature {
  name: string;
  constructor?: { params: ParamDto[] };
  methods: MethodSignatureDto[];
}

/** What a function problem stores and shows: exactly one of the two. */
export type ProblemSignature = { function: FunctionSignatureDto; class?: undefined } | { class: ClassSignature; function?: undefined };

/** Body of `POST /api/v1/problems` and `PUT /api/v1/problems/:id`. */
export class CreateProblemDto {
  @ApiProperty({ example: 'aplusb', description: 'Slug: lower-case letters, digits and dashes' })
  @IsString() @Matches(PROBLEM_ID_PATTERN, { message: 'id must be a slug: a-z, 0-9 and -, at most 64 characters' })
  id: string;

  @ApiProperty() @IsString() @MaxLength(200) @NoNul()
  title: string;

  @ApiPropertyOptional({ description: 'Markdown' }) @IsOptional() @IsString() @MaxLength(1 << 20) @NoNul()
  statement?: string;

  @ApiProperty({ description: 'CPU time per test, ms', minimum: 1, maximum: MAX_TIME_LIMIT_MS })
  @IsInt() @Min(1) @Max(MAX_TIME_LIMIT_MS)
  timeLimitMs: number;

  @ApiProperty({ description: 'KiB', minimum: 1024, maximum: MAX_MEMORY_LIMIT_KB })
  @IsInt() @Min(1024) @Max(MAX_MEMORY_LIMIT_KB)
  memoryLimitKb: number;

  @ApiPropertyOptional({ description: 'KiB, each of stdout and stderr', minimum: 1, maximum: MAX_OUTPUT_LIMIT_KB })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_OUTPUT_LIMIT_KB)
  outputLimitKb?: number;

  @ApiPropertyOptional({ type: CheckerDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CheckerDto)
  checker?: CheckerDto;

  @ApiProperty({ type: [TestCaseDto] })
  // IsObject each: ValidateNested alone lets nested arrays (`[[[]]]`) through unvalidated.
  @IsArray() @IsObject({ each: true, message: 'each value in tests must be an object { input, output, … }' })
  @ValidateNested({ each: true }) @Type(() => TestCaseDto) @ArrayMinSize(1) @ArrayMaxSize(1000)
  tests: TestCaseDto[];

  @ApiPropertyOptional({ type: [TestGroupDto] })
  @IsOptional() @IsArray() @IsObject({ each: true, message: 'each value in groups must be an object { name, points }' })
  @ValidateNested({ each: true }) @Type(() => TestGroupDto) @ArrayMaxSize(100)
  groups?: TestGroupDto[];

  @ApiPropertyOptional({ description: 'Stop at the first failing test (default) or run them all', default: true })
  @IsOptional() @IsBoolean()
  stopOnFailure?: boolean;

  // `function` and `class` are taken from the raw body (ProblemsController), not by
  // class-transformer, which drops keys named `constructor` and trips on them in untyped objects;
  // they are checked as a whole (names, types, every test against them) by the harness library:
  // 400 naming the field, e.g. "function.params.1.type: …" or "tests.3: input line 2 (…): …".
  @ApiPropertyOptional({
    type: FunctionSignatureDto,
    description: 'A function problem: the user writes this function, not a program. Each test\'s input is one JSON value per parameter, one per line; its output the JSON of the result',
  })
  @IsOptional() @Exclude({ toClassOnly: true })
  function?: FunctionSignatureDto;

  @ApiPropertyOptional(CLASS_SCHEMA as Record<string, unknown>)
  @IsOptional() @Exclude({ toClassOnly: true })
  class?: ClassSignature;
}

/** Query of `POST /api/v1/problems/import`. */
export class ImportProblemQueryDto {
  @ApiPropertyOptional({ description: 'Problem id (slug); default: the package folder or file name' })
  @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'id must be a slug: a-z, 0-9 and -' })
  id?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Replace a problem with the same id' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'replace must be true or false' })
  replace?: 'true' | 'false';
}

/** A problem as the API shows it: never the data of hidden tests. */
export interface ProblemView {
  id: string;
  title: string;
  statement: string | null;
  timeLimitMs: number;
  memoryLimitKb: number;
  outputLimitKb: number;
  checker: Omit<CheckerDto, 'source'>;
  stopOnFailure: boolean;
  testCount: number;
  groups: TestGroupDto[];
  /** Sample tests only, with their data. */
  /** Sample tests with their data; an interactive problem's samples also carry the `interaction` to show. */
  samples: { index: number; input: string; output: string; interaction?: string }[];
  /** Function problems only. */
  function?: FunctionSignatureDto;
  class?: ClassSignature;
  /** Function problems, `GET /api/v1/problems/:id` only: starting code per language, as LeetCode's editor shows it. */
  templates?: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
