import { Readable } from 'node:stream';
import { stringify } from 'yaml';
import { ZipFile } from 'yazl';
import { fileBytes } from '@app/contracts';
import type { ProblemEntity, TestCaseEntity } from '@app/persistence';

const EXTENSION: Record<string, string> = { c: 'c', cpp: 'cpp', python3: 'py', javascript: 'js', java: 'java', rust: 'rs' };

/** Where a test goes in `data/`: its group's folder, else `sample` or `secret`. */
function folderOf(t: Pick<TestCaseEntity, 'group' | 'sample'>): string {
  if (t.group && /^(sample|secret)(\/[\w.-]+)*$/.test(t.group)) return t.group;
  return t.sample ? 'sample' : t.group ? `secret/${t.group.replace(/[^\w.-]+/g, '-')}` : 'secret';
}

/**
 * Writes a problem as an ICPC / Kattis problem package (legacy `problem.yaml` format, which
 * `readProblemPackage` reads back): `problem.yaml` (name, memory limit, validator flags, scoring
 * type), `.timelimit` (seconds), `statement/problem.en.md`, `data/<group>/NNN.in|.ans` (samples' `.interaction` too) with a
 * `testdata.yaml` holding each group's `accept_score`, and `output_validators/checker/` for a
 * custom checker or an interactive problem's validator (`validation: custom interactive`), `function.yaml` for a function problem's signature. `tests` gives every test's place; its data is fetched with `testAt(index)`
 * only as the zip streams out.
 */
export function writeProblemPackage(
  problem: ProblemEntity,
  tests: Pick<TestCaseEntity, 'index' | 'sample' | 'group' | 'interaction'>[],
  testAt: (index: number) => Promise<TestCaseEntity | null>,
): ZipFile {
  const zip = new ZipFile();
  const root = `${problem.id}/`;
  const meta: Record<string, unknown> = { name: problem.title, limits: { memory: Math.ceil(problem.memoryLimitKb / 1024) } };
  if (problem.outputLimitKb) (meta.limits as Record<string, unknown>).output = Math.ceil(problem.outputLimitKb / 1024);
  const c = problem.checker;
  if (c.type === 'custom') meta.validation = 'custom';
  if (c.type === 'interactive') meta.validation = 'custom interactive';
  const flags: string[] = [];
  if (c.caseSensitive) flags.push('case_sensitive');
  if (c.spaceChangeSensitive) flags.push('space_change_sensitive');
  if (c.absoluteTolerance !== undefined) flags.push(`float_absolute_tolerance ${c.absoluteTolerance}`);
  if (c.relativeTolerance !== undefined) flags.push(`float_relative_tolerance ${c.relativeTolerance}`);
  if (flags.length) meta.validator_flags = flags.join(' ');
  if (problem.groups.length) meta.type = 'scoring';
  zip.addBuffer(Buffer.from(stringify(meta)), `${root}problem.yaml`);
  // Function problems: the signature in our extension file (docs/function-problems.md).
  if (problem.signature) zip.addBuffer(Buffer.from(stringify(problem.signature)), `${root}function.yaml`);
  zip.addBuffer(Buffer.from(`${problem.timeLimitMs / 1000}\n`), `${root}.timelimit`);
  if (problem.statement) zip.addBuffer(Buffer.from(problem.statement), `${root}statement/problem.en.md`);
  if ((c.type === 'custom' || c.type === 'interactive') && c.files) {
    for (const f of c.files) zip.addBuffer(fileBytes(f), `${root}output_validators/checker/${f.path}`);
  } else if ((c.type === 'custom' || c.type === 'interactive') && c.source) {
    zip.addBuffer(Buffer.from(c.source), `${root}output_validators/checker/checker.${EXTENSION[c.language ?? 'cpp'] ?? 'cpp'}`);
  }
  if (problem.groups.length) {
    zip.addBuffer(Buffer.from(stringify({ on_reject: 'continue', grader_flags: 'sum' })), `${root}data/testdata.yaml`);
    for (const g of problem.groups) {
      const folder = folderOf({ group: g.name, sample: false });
      zip.addBuffer(Buffer.from(stringify({ accept_score: g.points, on_reject: 'continue' })), `${root}data/${folder}/testdata.yaml`);
    }
  }
  // yazl reads entries one after another, so each test's data is fetched only when its entry is
  // written: a large problem streams out without being whole in memory.
  let last: Promise<TestCaseEntity> | null = null;
  let lastIndex = 0;
  const fetch = (index: number): Promise<TestCaseEntity> => {
    if (index !== lastIndex) {
      lastIndex = index;
      last = testAt(index).then((t) => {
        if (!t) throw new Error(`test ${index} of ${problem.id} disappeared during the export`);
        return t;
      });
    }
    return last!;
  };
  const width = String(problem.testCount).length;
  for (const t of tests) {
    const base = `${root}data/${folderOf(t)}/${String(t.index).padStart(width, '0')}`;
    zip.addReadStream(Readable.from((async function* () { yield Buffer.from((await fetch(t.index)).input); })()), `${base}.in`);
    zip.addReadStream(Readable.from((async function* () { yield Buffer.from((await fetch(t.index)).output); })()), `${base}.ans`);
    if (t.sample && t.interaction) zip.addBuffer(Buffer.from(t.interaction), `${base}.interaction`);
  }
  zip.end();
  return zip;
}
