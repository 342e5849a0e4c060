import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import type { CheckerDto, CreateProblemDto, LanguageId, TestCaseDto, TestGroupDto } from '@app/contracts';
import { languageForFile } from '@app/contracts/language';
import { PROBLEM_ID_PATTERN } from '@app/contracts/problem-id';
import { PackageError, PackageFiles } from './package-files';

export { PackageError } from './package-files';
export type { PackageFiles } from './package-files';

/** A test case whose data is read on demand: `read()` returns its input and answer. */
export type LazyTestCase = Omit<TestCaseDto, 'input' | 'output'> & { read(): Promise<{ input: string; output: string }> };

/** A parsed package: everything but the test data, which each test reads on demand. */
export type PackageProblem = Omit<CreateProblemDto, 'tests'> & { tests: LazyTestCase[] };

/** Options of `parseProblemPackage`. */
export interface ParsePackageOptions {
  /** Problem id (a slug). Default: `slugify(files.name)`. */
  id?: string;
  /** CPU time per test when the package gives none (no `.timelimit`, no `limits.time_limit`), ms. Default 1000. */
  defaultTimeLimitMs?: number;
  /** Memory when `limits.memory` is absent, KiB. Default 262144 (256 MiB). */
  defaultMemoryLimitKb?: number;
}

const SLUG = PROBLEM_ID_PATTERN;

/**
 * A problem id from a free-form name (a folder or zip name): lower-cased, accents dropped, every
 * run of other characters turned into one `-`, trimmed of dashes, cut to 64 characters. The result
 * matches `^[a-z0-9][a-z0-9-]{0,63}$`. Throws `PackageError` when nothing usable is left (e.g. `"__"`).
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  if (!SLUG.test(slug)) throw new PackageError(`cannot derive a problem id from the name ${JSON.stringify(name)}`);
  return slug;
}

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                               */
/* ------------------------------------------------------------------------------------------ */

type Yaml = Record<string, unknown>;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses a YAML file of the package into a map (`{}` for an empty file); PackageError naming it otherwise. */
async function readYamlMap(files: PackageFiles, file: string): Promise<Yaml> {
  const text = stripBom((await files.read(file)).toString('utf8'));
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw new PackageError(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new PackageError(`${file} must be a YAML map`);
  return value as Yaml;
}

/** A positive finite number from a YAML value (numbers or numeric strings), or PackageError naming `field`. */
function positiveNumber(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new PackageError(`${field} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function nonNegativeNumber(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new PackageError(`${field} must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

/** Whitespace-separated words of a string, or the strings of a list; [] for anything else. */
function words(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map((v) => String(v));
  return [];
}

/**
 * Natural comparison of two names: runs of digits compare by value (`2` < `10`), other runs by
 * code unit; on a tie (`01` vs `1`) the plain code-unit order decides, so the order is total.
 */
export function naturalCompare(a: string, b: string): number {
  const ca = a.match(/\d+|\D+/g) ?? [];
  const cb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Natural order of posix paths, segment by segment (`a/2` < `a/10` < `b`). */
export function comparePaths(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = naturalCompare(sa[i], sb[i]);
    if (c !== 0) return c;
  }
  return sa.length - sb.length;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/* ------------------------------------------------------------------------------------------ */
/* problem.yaml                                                                                */
/* ------------------------------------------------------------------------------------------ */

const KNOWN_TYPES = new Set(['pass-fail', 'scoring', 'interactive', 'multi-pass', 'submit-answer']);

function problemTypes(meta: Yaml): Set<string> {
  const types = words(meta.type);
  for (const t of types) {
    if (!KNOWN_TYPES.has(t)) throw new PackageError(`problem.yaml: type ${JSON.stringify(t)} is not one of ${[...KNOWN_TYPES].join(', ')}`);
    if (t !== 'pass-fail' && t !== 'scoring' && t !== 'interactive') {
      throw new PackageError(`problem.yaml: type ${t} is not supported (only pass-fail, scoring and interactive problems)`);
    }
  }
  if (meta.type !== undefined && meta.type !== null && types.length === 0) {
    throw new PackageError(`problem.yaml: type must be a string or a list of strings`);
  }
  return new Set(types);
}

function problemTitle(meta: Yaml, fallback: string): string {
  const name = meta.name;
  if (typeof name === 'string' || typeof name === 'number') return String(name).trim() || fallback;
  if (name && typeof name === 'object' && !Array.isArray(name)) {
    const map = name as Record<string, unknown>;
    const pick = map.en ?? Object.values(map)[0];
    if (typeof pick === 'string' || typeof pick === 'number') return String(pick).trim() || fallback;
  }
  if (name !== undefined && name !== null) throw new PackageError('problem.yaml: name must be a string or a map of languages to strings');
  return fallback;
}

/** The statement file: markdown before LaTeX; English (or no language, which means English) before others. */
function statementFile(list: string[]): string | undefined {
  const re = /^(statement|problem_statement)\/problem(?:\.([A-Za-z]{2,3}(?:-[A-Za-z]{2})?))?\.(md|tex)$/;
  const ranked = list
    .map((f) => ({ f, m: re.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => ({
      f,
      key: [m[3] === 'md' ? 0 : 1, m[2] === 'en' ? 0 : m[2] === undefined ? 1 : 2, m[1] === 'statement' ? 0 : 1],
    }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
      return a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
    });
  return ranked[0]?.f;
}

/* ------------------------------------------------------------------------------------------ */
/* testdata.yaml                                                                               */
/* ------------------------------------------------------------------------------------------ */

type Aggregation = 'sum' | 'avg' | 'min' | 'max';

/** The settings of one test data group that matter here. */
interface GroupSettings {
  /** `accept_score` (legacy) or `scoring.score` / `grading.score` (later drafts); undefined when unset. */
  acceptScore?: number;
  /** Last of `sum`/`avg`/`min`/`max` in `grader_flags`, or `scoring.aggregation`. Default `sum`. */
  aggregation: Aggregation;
  ignoreSample: boolean;
  /** `output_validator_flags` / `output_validator_args` / `validator_flags`, as words. */
  validatorFlags: string[];
}

function parseSettings(y: Yaml, file: string): GroupSettings {
  const s: GroupSettings = { aggregation: 'sum', ignoreSample: false, validatorFlags: [] };
  if (y.accept_score !== undefined && y.accept_score !== null) s.acceptScore = nonNegativeNumber(y.accept_score, `${file}: accept_score`);
  for (const flag of words(y.grader_flags)) {
    if (flag === 'sum' || flag === 'avg' || flag === 'min' || flag === 'max') s.aggregation = flag;
    else if (flag === 'ignore_sample') s.ignoreSample = true;
  }
  // Later drafts (2023-07 revisions, 2025-09 test_group.yaml): `scoring: { score, aggregation }`.
  for (const key of ['scoring', 'grading'] as const) {
    const m = y[key];
    if (!m || typeof m !== 'object' || Array.isArray(m)) continue; // legacy `grading: default|custom`
    const map = m as Yaml;
    if (typeof map.score === 'number' || (typeof map.score === 'string' && map.score !== 'unbounded')) {
      s.acceptScore = nonNegativeNumber(map.score, `${file}: ${key}.score`);
    }
    if (map.aggregation === 'sum' || map.aggregation === 'min') s.aggregation = map.aggregation;
    else if (map.aggregation === 'pass-fail') s.aggregation = 'min';
  }
  for (const key of ['output_validator_flags', 'output_validator_args', 'validator_flags']) {
    const v = y[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) s.validatorFlags.push(...words((v as Yaml).flags));
    else s.validatorFlags.push(...words(v));
  }
  return s;
}

/* ------------------------------------------------------------------------------------------ */
/* Checker                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/**
 * The default output validator's flags (ICPC "Default Output Validator Specification") as a
 * `tokens` checker. Unknown words are ignored (they may be meant for a custom validator).
 */
export function tokensChecker(flags: string[], field = 'validator_flags'): CheckerDto {
  const checker: CheckerDto = { type: 'tokens' };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const value = () => {
      const v = flags[++i];
      if (v === undefined) throw new PackageError(`${field}: ${flag} needs a number`);
      return nonNegativeNumber(v, `${field}: ${flag}`);
    };
    switch (flag) {
      case 'case_sensitive': checker.caseSensitive = true; break;
      case 'space_change_sensitive': checker.spaceChangeSensitive = true; break;
      case 'float_tolerance': checker.absoluteTolerance = checker.relativeTolerance = value(); break;
      case 'float_absolute_tolerance': checker.absoluteTolerance = value(); break;
      case 'float_relative_tolerance': checker.relativeTolerance = value(); break;
      default: break;
    }
  }
  return checker;
}

/**
 * Replaces `#include "x.h"` lines of a C/C++ source by the header when the header is a file of the
 * same validator program (e.g. Kattis' `validate.h`, `testlib.h`), each header once.
 */
async function inlineHeaders(files: PackageFiles, source: string, sourcePath: string, available: Set<string>, seen: Set<string>): Promise<string> {
  const lines = source.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const m = /^\s*#\s*include\s*"([^"]+)"/.exec(line);
    const target = m ? path.posix.normalize(path.posix.join(path.posix.dirname(sourcePath), m[1])) : undefined;
    if (!target || !available.has(target)) {
      out.push(line);
      continue;
    }
    if (seen.has(target)) {
      out.push(`/* ${m![1]} already inlined */`);
      continue;
    }
    seen.add(target);
    const header = stripBom((await files.read(target)).toString('utf8'));
    out.push(`/* begin ${m![1]} (inlined by the package import) */`);
    out.push(await inlineHeaders(files, header, target, available, seen));
    out.push(`/* end ${m![1]} */`);
  }
  return out.join('\n');
}

const SUPPORTED_EXTENSIONS = '.c, .cpp/.cc/.cxx, .py, .java, .rs, .js';
/** Languages a validator may be written in (helper scripts in other languages beside it are left alone). */
const VALIDATOR_LANGUAGES = new Set<LanguageId | undefined>(['c', 'cpp', 'python3', 'java', 'rust', 'javascript']);

/** The custom checker from `output_validators/<name>/` (legacy) or `output_validator/` (later drafts). */
async function customChecker(files: PackageFiles, list: string[]): Promise<CheckerDto> {
  const programs = new Map<string, string[]>(); // program root -> its files
  for (const f of list) {
    if (f.startsWith('output_validator/')) {
      programs.set('output_validator', [...(programs.get('output_validator') ?? []), f]);
    } else if (f.startsWith('output_validators/')) {
      const rest = f.slice('output_validators/'.length);
      const root = rest.includes('/') ? `output_validators/${rest.split('/')[0]}` : f;
      programs.set(root, [...(programs.get(root) ?? []), f]);
    }
  }
  if (programs.size === 0) throw new PackageError('validation is custom but output_validators/ holds no validator program');
  if (programs.size > 1) {
    throw new PackageError(`output_validators/: several validator programs (${[...programs.keys()].join(', ')}); only one is supported`);
  }
  const [root, programFiles] = [...programs.entries()][0];
  const sources = programFiles.filter((f) => VALIDATOR_LANGUAGES.has(languageForFile(f)));
  const languages = new Set(sources.map((f) => languageForFile(f)));
  if (sources.length > 1 && languages.size === 1) {
    // A program of several sources in one language (e.g. two .cc files and a header): every file
    // of its folder, built as a submission of several files is (the entry: the file with main).
    const own: CheckerDto['files'] = [];
    for (const f of programFiles) {
      const bytes = await files.read(f);
      const text = bytes.toString('utf8');
      const plain = !bytes.includes(0) && Buffer.from(text, 'utf8').equals(bytes);
      const rel = f.slice(root.length + 1);
      own.push(plain ? { path: rel, content: stripBom(text) } : { path: rel, content: bytes.toString('base64'), encoding: 'base64' });
    }
    return { type: 'custom', language: [...languages][0] as LanguageId, files: own };
  }
  if (sources.length !== 1) {
    throw new PackageError(
      `${root}: expected exactly one source file (${SUPPORTED_EXTENSIONS}), found ${sources.length ? sources.join(', ') : 'none'}`,
    );
  }
  const sourcePath = sources[0];
  const language = languageForFile(sourcePath) as LanguageId;
  let source = stripBom((await files.read(sourcePath)).toString('utf8'));
  if (language === 'c' || language === 'cpp') {
    source = await inlineHeaders(files, source, sourcePath, new Set(programFiles), new Set());
  }
  return { type: 'custom', source, language };
}

/* ------------------------------------------------------------------------------------------ */
/* Tests and groups                                                                            */
/* ------------------------------------------------------------------------------------------ */

/** A folder of `data/` holding tests, directly or below. `path` is relative to `data/`. */
interface GroupNode {
  path: string;
  /** Test ids (path relative to `data/` without `.in`) directly in this folder. */
  tests: string[];
  children: Map<string, GroupNode>;
}

/** A scoring unit: scores `points` when all of its tests pass. */
interface Unit {
  name: string;
  points: number;
  tests: string[];
}

function buildTree(testIds: string[]): GroupNode {
  const root: GroupNode = { path: '', tests: [], children: new Map() };
  for (const id of testIds) {
    const segs = id.split('/');
    let node = root;
    for (const seg of segs.slice(0, -1)) {
      let child = node.children.get(seg);
      if (!child) {
        child = { path: node.path ? `${node.path}/${seg}` : seg, tests: [], children: new Map() };
        node.children.set(seg, child);
      }
      node = child;
    }
    node.tests.push(id);
  }
  return root;
}

/**
 * Flattens the group tree below `node` into all-or-nothing units (see `parseProblemPackage` for
 * the interpretation). `settingsOf` gives a folder's effective testdata.yaml.
 */
function scoringUnits(node: GroupNode, sample: boolean, settingsOf: (p: string) => GroupSettings): Unit[] {
  const s = settingsOf(node.path);
  const children: Unit[][] = [];
  if (node.tests.length > 0) children.push([{ name: node.path, points: sample ? 0 : s.acceptScore ?? 1, tests: node.tests }]);
  const names = [...node.children.keys()].sort(naturalCompare);
  for (const name of names) {
    const u = scoringUnits(node.children.get(name)!, sample, settingsOf);
    if (u.length > 0) children.push(u);
  }
  if (sample || children.length === 0) return children.flat();
  switch (s.aggregation) {
    case 'sum':
      return children.flat();
    case 'avg':
      return children.flat().map((u) => ({ ...u, points: u.points / children.length }));
    case 'min':
    case 'max': {
      const totals = children.map((c) => c.reduce((acc, u) => acc + u.points, 0));
      const points = s.aggregation === 'min' ? Math.min(...totals) : Math.max(...totals);
      return [{ name: node.path, points, tests: children.flat().flatMap((u) => u.tests) }];
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The parser                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * Turns an ICPC / Kattis problem package (legacy or 2023-07-draft `problem.yaml`, DOMjudge
 * `.timelimit`) into the body of `POST /api/v1/problems`.
 *
 * - `id`: `opts.id`, else `slugify(files.name)`.
 * - `title`: `name` (a string, or a map of languages: `en`, else the first); else the id.
 * - `statement`: `statement/` or `problem_statement/` `problem[.<lang>].md` (English or no
 *   language first, then others), else the same for `.tex`, returned as LaTeX text unchanged;
 *   else absent. Images and other statement files are not imported.
 * - `timeLimitMs`: `.timelimit` (seconds) × 1000, else `limits.time_limit` (seconds) × 1000,
 *   rounded; else `opts.defaultTimeLimitMs` (1000).
 * - `memoryLimitKb`: `limits.memory` (MiB) × 1024, else `opts.defaultMemoryLimitKb` (262144).
 *   `outputLimitKb`: `limits.output` (MiB) × 1024 when given.
 * - Interactive problems (`type: interactive` in 2023-07, legacy `validation: custom interactive`):
 *   `checker` is `interactive` with the validator found as for `custom` below; the
 *   `data/sample/*.interaction` files are appended to the statement under "Sample interactions".
 * - `checker`: `custom` (single source file of the one program in `output_validators/<name>/` or
 *   `output_validator/`, language from its extension, C/C++ headers of the program inlined) when
 *   legacy `validation: custom…`, or for 2023-07 when `validation: custom` or a validator folder
 *   exists; else `tokens` with the default validator's flags from `validator_flags` (problem.yaml)
 *   and `output_validator_flags`/`output_validator_args` of `data/testdata.yaml` and
 *   `data/secret/testdata.yaml` (deeper groups' flags are per group and not representable).
 * - `tests`: every `.in` of `data/sample/**` then `data/secret/**` with its `.ans` (a missing
 *   `.ans` is an error; `.ans` alone is ignored), in natural path order (`2` before `10`,
 *   segment by segment); `sample: true` under `data/sample`; `group` = folder relative to `data/`
 *   (`sample`, `secret/small`, …). Data is decoded as UTF-8, read one file at a time.
 * - Scoring problems (`type: scoring`, or a 2023-07 list containing it) also get `groups` and
 *   `stopOnFailure: false` (every group must be judged). The model is "a group scores its points
 *   when all of its tests pass; the score is the sum". From each folder's effective
 *   `testdata.yaml` (its own, else the closest ancestor's, as the spec says):
 *   - a folder's own tests form one group worth its `accept_score` (default 1). This is DOMjudge's
 *     reading (its example packages are built on it); the legacy spec's letter gives
 *     `accept_score` per test, so under `sum` a folder of n tests would be worth n × accept_score;
 *   - `sum` (default) keeps the children's groups; `avg` divides their points by the number of
 *     children (exact, as the average is linear); `min` merges all descendants into one group
 *     named after the folder, worth the smallest child total (exact when each child is itself
 *     all-or-nothing); `max` likewise with the largest total (an approximation: the package
 *     would give it when any child passes, here all must);
 *   - samples are worth 0 (the spec and DOMjudge only score `secret`); the aggregation of `data/`
 *     itself is not applied; `on_reject` and `range` do not change all-or-nothing totals.
 *   Non-scoring problems get no `groups` and no points; tests keep their `group` for display.
 *
 * Throws `PackageError` (message naming the file or field) for a malformed YAML file or field,
 * an unsupported type (multi-pass, submit-answer), `validation: interactive` without `custom`, a missing `.ans`, no tests, a
 * custom validator that is not a single supported source file, or an unusable id. Limits are
 * not clamped: the DTO's validation bounds them.
 */
export async function readProblemPackage(files: PackageFiles, opts: ParsePackageOptions = {}): Promise<PackageProblem> {
  const list = files.list();
  const present = new Set(list);

  // id
  let id: string;
  if (opts.id !== undefined) {
    if (!SLUG.test(opts.id)) throw new PackageError(`id ${JSON.stringify(opts.id)} must match ${SLUG.source}`);
    id = opts.id;
  } else if (files.name) {
    id = slugify(files.name);
  } else {
    throw new PackageError('no problem id given and the package has no folder name to derive one from');
  }

  const meta = present.has('problem.yaml') ? await readYamlMap(files, 'problem.yaml') : {};
  const version = meta.problem_format_version === undefined ? 'legacy' : String(meta.problem_format_version);
  const legacy = version === 'legacy' || version === 'legacy-icpc';
  const types = problemTypes(meta);
  const scoring = types.has('scoring');
  const validation = words(meta.validation);
  // Interactive: 2023-07's `type: interactive`, or the legacy `validation: custom interactive`.
  const interactive = types.has('interactive') || validation.includes('interactive');
  if (validation.includes('interactive') && validation[0] !== 'custom') {
    throw new PackageError(`problem.yaml: validation interactive needs a custom validator (custom interactive), got ${JSON.stringify(meta.validation)}`);
  }
  if (validation.length > 0 && validation[0] !== 'default' && validation[0] !== 'custom') {
    throw new PackageError(`problem.yaml: validation must start with default or custom, got ${JSON.stringify(meta.validation)}`);
  }

  const dto: CreateProblemDto = {
    id,
    title: problemTitle(meta, id),
    timeLimitMs: opts.defaultTimeLimitMs ?? 1000,
    memoryLimitKb: opts.defaultMemoryLimitKb ?? 262144,
    tests: [],
  } as CreateProblemDto;

  // statement
  const statement = statementFile(list);
  if (statement) dto.statement = stripBom((await files.read(statement)).toString('utf8'));

  // limits
  const limitsRaw = meta.limits;
  if (limitsRaw !== undefined && limitsRaw !== null && (typeof limitsRaw !== 'object' || Array.isArray(limitsRaw))) {
    throw new PackageError('problem.yaml: limits must be a map');
  }
  const limits = (limitsRaw ?? {}) as Yaml;
  if (present.has('.timelimit')) {
    const text = (await files.read('.timelimit')).toString('utf8').trim();
    dto.timeLimitMs = Math.max(1, Math.round(positiveNumber(text, '.timelimit') * 1000));
  } else if (limits.time_limit !== undefined) {
    dto.timeLimitMs = Math.max(1, Math.round(positiveNumber(limits.time_limit, 'problem.yaml: limits.time_limit') * 1000));
  }
  if (limits.memory !== undefined) dto.memoryLimitKb = Math.round(positiveNumber(limits.memory, 'problem.yaml: limits.memory') * 1024);
  if (limits.output !== undefined) dto.outputLimitKb = Math.round(positiveNumber(limits.output, 'problem.yaml: limits.output') * 1024);

  // Function problems: our extension file, `function.yaml` with `function:` or `class:` (docs/function-problems.md).
  if (present.has('function.yaml')) {
    const signature = await readYamlMap(files, 'function.yaml');
    for (const key of Object.keys(signature)) {
      if (key !== 'function' && key !== 'class') throw new PackageError(`function.yaml: unknown key ${key} (function or class)`);
    }
    if (signature.function != null) dto.function = signature.function as CreateProblemDto['function'];
    if (signature.class != null) dto.class = signature.class as CreateProblemDto['class'];
  }

  // testdata.yaml settings, inherited from the closest ancestor that has one
  const ownSettings = new Map<string, GroupSettings | null>();
  const readOwn = async (groupPath: string): Promise<GroupSettings | null> => {
    if (ownSettings.has(groupPath)) return ownSettings.get(groupPath)!;
    const dir = groupPath ? `data/${groupPath}` : 'data';
    const file = [`${dir}/testdata.yaml`, `${dir}/test_group.yaml`].find((f) => present.has(f));
    const s = file ? parseSettings(await readYamlMap(files, file), file) : null;
    ownSettings.set(groupPath, s);
    return s;
  };

  // tests
  const testIds: string[] = [];
  for (const f of list) {
    if (!f.endsWith('.in') || !(f.startsWith('data/sample/') || f.startsWith('data/secret/'))) continue;
    if (path.posix.basename(f).startsWith('.')) continue;
    const idPath = f.slice('data/'.length, -'.in'.length);
    if (!present.has(`data/${idPath}.ans`)) throw new PackageError(`${f} has no answer file data/${idPath}.ans`);
    testIds.push(idPath);
  }
  if (testIds.length === 0) throw new PackageError('no test cases: data/sample/ and data/secret/ hold no .in files');
  testIds.sort((a, b) => {
    const sa = a.startsWith('sample/') ? 0 : 1;
    const sb = b.startsWith('sample/') ? 0 : 1;
    return sa !== sb ? sa - sb : comparePaths(a, b);
  });

  const groupOf = new Map<string, string>(testIds.map((t) => [t, path.posix.dirname(t)]));
  if (scoring) {
    const tree = buildTree(testIds);
    // Effective settings of every folder of the tree (own file, else the parent's effective ones).
    const effective = new Map<string, GroupSettings>();
    const defaults: GroupSettings = { aggregation: 'sum', ignoreSample: false, validatorFlags: [] };
    const resolve = async (node: GroupNode, inherited: GroupSettings): Promise<void> => {
      const s = (await readOwn(node.path)) ?? inherited;
      effective.set(node.path, s);
      for (const child of node.children.values()) await resolve(child, s);
    };
    await resolve(tree, defaults);
    const settingsOf = (p: string) => effective.get(p) ?? defaults;
    const units: Unit[] = [];
    const sampleNode = tree.children.get('sample');
    const secretNode = tree.children.get('secret');
    if (sampleNode) units.push(...scoringUnits(sampleNode, true, settingsOf));
    if (secretNode) units.push(...scoringUnits(secretNode, false, settingsOf));
    const groups: TestGroupDto[] = [];
    for (const u of units) {
      groups.push({ name: u.name, points: round6(u.points) });
      for (const t of u.tests) groupOf.set(t, u.name);
    }
    dto.groups = groups;
    dto.stopOnFailure = false;
  }

  // checker
  const validatorDirExists = list.some((f) => f.startsWith('output_validators/') || f.startsWith('output_validator/'));
  const custom = validation[0] === 'custom' || (!legacy && validatorDirExists);
  if (interactive) {
    dto.checker = { ...(await customChecker(files, list)), type: 'interactive' };
  } else if (custom) {
    dto.checker = await customChecker(files, list);
  } else {
    const flags = [...words(meta.validator_flags), ...words(meta.output_validator_args), ...words(meta.output_validator_flags)];
    for (const g of ['', 'secret']) flags.push(...((await readOwn(g))?.validatorFlags ?? []));
    dto.checker = tokensChecker(flags);
  }

  // Interactive samples: `data/sample/*.interaction` (lines `>` to the submission, `<` from it)
  // are what is shown as the sample: each goes with the sample test of the same name; one without
  // such a test joins the statement, as the package format displays it.
  const interactions = list.filter((f) => f.startsWith('data/sample/') && f.endsWith('.interaction')).sort(comparePaths);
  const interactionOf = new Map<string, string>();
  const unmatched: string[] = [];
  for (const f of interactions) {
    const text = `${stripBom((await files.read(f)).toString('utf8')).replace(/\s+$/, '')}\n`;
    if (text.includes('\u0000')) throw new PackageError(`${f}: holds NUL characters`);
    const id = f.slice('data/'.length, -'.interaction'.length);
    if (testIds.includes(id)) interactionOf.set(id, text);
    else unmatched.push(text);
  }
  if (unmatched.length > 0) {
    const shown: string[] = [];
    for (const [i, text] of unmatched.entries()) shown.push(`### Sample interaction ${i + 1}\n\n\`\`\`\n${text.replace(/\n$/, '')}\n\`\`\``);
    const intro = 'Lines starting with `>` are sent to your program, lines starting with `<` are what it prints.';
    dto.statement = `${dto.statement ? `${dto.statement.replace(/\s+$/, '')}\n\n` : ''}## Sample interactions\n\n${intro}\n\n${shown.join('\n\n')}\n`;
  }

  // Test data is only read when asked for, one test at a time: large packages are never whole
  // in memory (see readProblemPackage).
  const tests: LazyTestCase[] = testIds.map((t) => ({
    group: groupOf.get(t)!,
    ...(t.startsWith('sample/') ? { sample: true } : {}),
    ...(interactionOf.has(t) ? { interaction: interactionOf.get(t)! } : {}),
    read: async () => ({
      input: (await readTestFile(files, present, `data/${t}.in`)).toString('utf8'),
      output: (await readTestFile(files, present, `data/${t}.ans`)).toString('utf8'),
    }),
  }));
  return { ...dto, tests };
}

/** `parseProblemPackage` with every test's data read into the result. */
export async function parseProblemPackage(files: PackageFiles, opts: ParsePackageOptions = {}): Promise<CreateProblemDto> {
  const problem = await readProblemPackage(files, opts);
  const tests: TestCaseDto[] = [];
  for (const { read, ...rest } of problem.tests) tests.push({ ...(await read()), ...rest });
  return { ...problem, tests };
}

/**
 * Reads a test data file, following a symbolic link that lost its link-ness: a checkout made
 * without symlink support (git's `core.symlinks=false`, some zip tools) stores a link as a tiny
 * text file holding the relative target, e.g. `../subtask1/1.in`. When a file's whole content
 * is such a path and it names another file of the package, that file's content is used.
 * @throws PackageError when such a path leads outside the package (e.g. `../../../etc/passwd`).
 */
export async function readTestFile(files: PackageFiles, present: Set<string>, file: string, depth = 0): Promise<Buffer> {
  const data = await files.read(file);
  if (depth > 8 || data.length > 255) return data;
  const target = data.toString('utf8').trim();
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(target)) return data;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
  if (resolved === '..' || resolved.startsWith('../')) {
    throw new PackageError(`${file} is a symbolic link stored as text (${JSON.stringify(target)}) that points outside the package`);
  }
  if (resolved === file || !present.has(resolved)) return data;
  return readTestFile(files, present, resolved, depth + 1);
}
