import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGE_IDS, LanguageId, LanguageInfo } from './language';
import { CHECKER_TYPES, CheckerType, ClassSignature, FunctionSignatureDto, ProblemView } from './problem.dto';
import { SubmissionAccepted, SubmissionFileInfo, SubmissionView, TestResultView } from './submission.dto';
import { SubmissionStatus, Verdict } from './verdict.enum';

// Classes mirroring the view interfaces, for the OpenAPI description of responses only.

export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'limits.timeLimitMs must not be greater than 15000' }) message: string;
}

export class LanguageInfoDto implements LanguageInfo {
  @ApiProperty({ enum: LANGUAGE_IDS }) id: LanguageId;
  @ApiProperty({ example: 'C++17 (g++ -O2)' }) name: string;
  @ApiProperty({ example: '12.2.0' }) version: string;
  @ApiProperty({ type: String, nullable: true, example: '/usr/bin/x86_64-linux-gnu-g++-12 -O2 -std=gnu++17 -pipe -o main main.cpp -lm', description: 'compile command as run in the box (working folder /box); null without a compile step' })
  compileCommand: string | null;
  @ApiProperty({ example: '/prog/main', description: 'run command as run in the box (the compiled program is in /prog)' })
  runCommand: string;
  @ApiProperty({ example: 1, description: "factor applied to a problem's CPU and wall time limits for this language" })
  timeMultiplier: number;
}

export class SubmissionAcceptedDto implements SubmissionAccepted {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: [SubmissionStatus.Queued] }) status: SubmissionStatus.Queued;
}

export class TestResultViewDto implements TestResultView {
  @ApiProperty({ description: '1-based position in test order' }) index: number;
  @ApiProperty({ enum: Verdict, nullable: true, description: 'null while not run' }) verdict: Verdict | null;
  @ApiPropertyOptional({ description: 'not run: an earlier test failed' }) skipped?: boolean;
  @ApiPropertyOptional() sample?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'group (subtask) name' }) group?: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'CPU time of the whole process tree, ms' }) timeMs: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'ms' }) wallTimeMs: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'peak memory of the whole process tree, KiB' }) memoryKb: number | null;
  @ApiProperty({ type: Number, nullable: true }) exitCode: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'SIGSEGV' }) signal: string | null;
  @ApiPropertyOptional({ description: 'partial points a custom checker gave (testlib exit 7), on problems scored per test' }) points?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why: the limit hit, or the checker\'s first difference (sample tests)' }) message?: string | null;
  @ApiPropertyOptional({ description: 'sample tests and ad-hoc runs only; first 64 KiB' }) stdout?: string;
  @ApiPropertyOptional({ description: 'sample tests and ad-hoc runs only; first 64 KiB' }) stderr?: string;
}

class SubmissionFileInfoDto implements SubmissionFileInfo {
  @ApiProperty({ example: 'lib/util.h' }) path: string;
  @ApiProperty({ description: 'bytes (decoded)' }) bytes: number;
}

export class SubmissionViewDto implements SubmissionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) problemId: string | null;
  @ApiProperty({ enum: LANGUAGE_IDS }) language: LanguageId;
  @ApiPropertyOptional({ type: [SubmissionFileInfoDto], description: 'submissions of several files only: each file\'s path and size (contents at /submissions/:id/source)' })
  files?: SubmissionFileInfoDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'submissions of several files only: the entry point asked for; null: the language\'s rule' })
  entryPoint?: string | null;
  @ApiProperty({ enum: SubmissionStatus }) status: SubmissionStatus;
  @ApiProperty({ enum: Verdict, nullable: true, description: 'the first failing test\'s verdict in test order; AC when all pass' }) verdict: Verdict | null;
  @ApiProperty({ type: Number, nullable: true, description: 'points: 100 for AC on ungrouped problems; with groups, the sum of fully passed groups' }) score: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'largest CPU time over the tests run, ms' }) timeMs: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'largest peak memory over the tests run, KiB' }) memoryKb: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'compiler messages, first 64 KiB; never empty on CE' }) compileOutput: string | null;
  @ApiProperty() testCount: number;
  @ApiProperty({ type: [TestResultViewDto] }) tests: TestResultViewDto[];
  @ApiProperty({ description: 'grows with every saved change' }) revision: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class SampleDto {
  @ApiProperty() index: number;
  @ApiProperty() input: string;
  @ApiProperty() output: string;
  @ApiPropertyOptional({ description: 'interactive problems: the conversation to show as the sample (">" lines to the program, "<" from it)' }) interaction?: string;
}

class CheckerViewDto {
  @ApiProperty({ enum: CHECKER_TYPES }) type: CheckerType;
  @ApiPropertyOptional() caseSensitive?: boolean;
  @ApiPropertyOptional() spaceChangeSensitive?: boolean;
  @ApiPropertyOptional() absoluteTolerance?: number;
  @ApiPropertyOptional() relativeTolerance?: number;
  @ApiPropertyOptional({ enum: LANGUAGE_IDS }) language?: LanguageId;
  @ApiPropertyOptional({ enum: ['kattis', 'testlib'] }) protocol?: 'kattis' | 'testlib';
}

class GroupViewDto {
  @ApiProperty() name: string;
  @ApiProperty() points: number;
}

export class ProblemViewDto implements ProblemView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'Markdown' }) statement: string | null;
  @ApiProperty({ description: 'CPU time per test, ms' }) timeLimitMs: number;
  @ApiProperty({ description: 'KiB' }) memoryLimitKb: number;
  @ApiProperty({ description: 'KiB, each of stdout and stderr' }) outputLimitKb: number;
  @ApiProperty({ type: CheckerViewDto, description: 'a custom checker\'s source is never shown' }) checker: CheckerViewDto;
  @ApiProperty() stopOnFailure: boolean;
  @ApiProperty() testCount: number;
  @ApiProperty({ type: [GroupViewDto] }) groups: GroupViewDto[];
  @ApiProperty({ type: [SampleDto], description: 'sample tests only; hidden test data is never shown' }) samples: SampleDto[];
  @ApiPropertyOptional({ type: FunctionSignatureDto, description: 'function problems' }) function?: FunctionSignatureDto;
  @ApiPropertyOptional({ type: 'object', description: 'design problems: { name, constructor: { params }, methods }', additionalProperties: true }) class?: ClassSignature;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string' }, example: { cpp: 'class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        \n    }\n};\n' },
    description: 'function problems, GET /problems/:id only: starting code per language (LeetCode\'s shapes)',
  }) templates?: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
