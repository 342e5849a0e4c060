import { fileSize, ProblemView, SubmissionView } from '@app/contracts';
import { templates } from '@app/harness';
import { ProblemEntity } from './entities/problem.entity';
import { SubmissionEntity } from './entities/submission.entity';
import { TestCaseEntity } from './entities/test-case.entity';

/** The API's view of a submission: exactly what REST, WebSocket and events show. */
export function toSubmissionView(s: SubmissionEntity): SubmissionView {
  return {
    id: s.id,
    problemId: s.problemId,
    language: s.language,
    ...(s.files ? { files: s.files.map((f) => ({ path: f.path, bytes: fileSize(f) })), entryPoint: s.entryPoint } : {}),
    status: s.status,
    verdict: s.verdict,
    score: s.score,
    timeMs: s.timeMs,
    memoryKb: s.memoryKb,
    compileOutput: s.compileOutput,
    testCount: s.testCount,
    tests: s.tests,
    revision: s.revision,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}

/**
 * The API's view of a problem: sample tests with data, hidden tests never. Function problems
 * show their `function` or `class`, and with `templates` the starting code per language.
 */
export function toProblemView(p: ProblemEntity, samples: TestCaseEntity[], opts: { templates?: boolean } = {}): ProblemView {
  const { source: _source, files: _files, entryPoint: _entry, ...checker } = p.checker;
  return {
    id: p.id,
    title: p.title,
    statement: p.statement,
    timeLimitMs: p.timeLimitMs,
    memoryLimitKb: p.memoryLimitKb,
    outputLimitKb: p.outputLimitKb,
    checker,
    stopOnFailure: p.stopOnFailure,
    testCount: p.testCount,
    groups: p.groups,
    samples: samples.filter((t) => t.sample).map((t) => ({ index: t.index, input: t.input, output: t.output, ...(t.interaction ? { interaction: t.interaction } : {}) })),
    ...(p.signature ? { ...p.signature, ...(opts.templates ? { templates: templates(p.signature) } : {}) } : {}),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}
