import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { crc32, deflateRawSync } from 'zlib';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateProblemDto } from '@app/contracts';
import { comparePaths, parseProblemPackage, slugify } from './kattis-package.parser';
import { directoryFiles, PackageError, zipFiles } from './package-files';

const SHARED = path.resolve(__dirname, '../../../../../../shared/problems');
const HAVE_SHARED = existsSync(SHARED);
const HAVE_ZIP_CLI = (() => {
  try {
    execFileSync('which', ['zip'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/* ------------------------------------------------------------------------------------------ */
/* Fixtures                                                                                    */
/* ------------------------------------------------------------------------------------------ */

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kattis-pkg-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** Writes `tree` (posix path -> content) into a fresh folder named `name` and returns its path. */
function writePackage(tree: Record<string, string>, name = `pkg${++counter}`): string {
  const dir = path.join(tmp, `${counter}-${Math.random().toString(36).slice(2)}`, name);
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function parseTree(tree: Record<string, string>, opts: { id?: string } = {}) {
  return parseProblemPackage(directoryFiles(writePackage(tree)), { id: 'p', ...opts });
}

interface ZipEntrySpec {
  name: string;
  data?: string | Buffer;
  deflate?: boolean;
  /** Unix mode stored in the external attributes (e.g. 0o120777 for a symbolic link). */
  mode?: number;
}

/** A minimal zip writer (stored or deflated entries, no zip64), enough to craft hostile archives. */
function makeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const method = e.deflate ? 8 : 0;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? (e.name.endsWith('/') ? 0o40755 : 0o100644)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Rewrites every entry's declared uncompressed size (local and central headers) to `size`. */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) out.writeUInt32LE(size, i + 22);
    else if (sig === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

/** Lines of digits: compresses a few times, not a thousand. */
function noiseLines(n: number): Buffer {
  let x = 12345;
  const parts: string[] = [];
  let len = 0;
  while (len < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const line = `${x % 1000000}\n`;
    parts.push(line);
    len += line.length;
  }
  return Buffer.from(parts.join('').slice(0, n));
}

/**
 * A non-recursive zip bomb (Fifield's overlapping entries, simplified): one deflated body and
 * `count` central-directory entries `data/secret/<i>.in` that all point at it.
 */
function overlappingBomb(data: Buffer, count: number): Buffer {
  const one = makeZip([{ name: 'data/secret/0.in', data, deflate: true }]);
  const localLength = one.readUInt32LE(one.length - 22 + 16); // central directory offset = size of the local part
  const central = one.subarray(localLength, one.length - 22);
  const centrals: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`data/secret/${i}.in`);
    const c = Buffer.from(central.subarray(0, 46));
    c.writeUInt16LE(name.length, 28);
    centrals.push(c, name);
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(localLength, 16);
  return Buffer.concat([one.subarray(0, localLength), cd, end]);
}

/** Sum of the groups' points: the score of a submission passing everything. */
const maxScore = (dto: CreateProblemDto) => (dto.groups ?? []).reduce((a, g) => a + g.points, 0);
const groupMap = (dto: CreateProblemDto) => Object.fromEntries((dto.groups ?? []).map((g) => [g.name, g.points]));

/** class-validator errors of the DTO, as property paths (empty when valid). */
function dtoErrors(dto: CreateProblemDto): string[] {
  const errors = validateSync(plainToInstance(CreateProblemDto, dto));
  const out: string[] = [];
  const walk = (list: typeof errors, prefix: string) => {
    for (const e of list) {
      if (e.constraints) out.push(`${prefix}${e.property}: ${Object.values(e.constraints).join(', ')}`);
      walk(e.children ?? [], `${prefix}${e.property}.`);
    }
  };
  walk(errors, '');
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* The real packages in ../shared/problems                                                     */
/* ------------------------------------------------------------------------------------------ */

// The shared packages are optional data beside the checkout (CI has them): without them there
// is nothing here to parse.
(HAVE_SHARED ? describe : describe.skip)('shared ICPC/Kattis packages', () => {
  const parse = (name: string) => parseProblemPackage(directoryFiles(path.join(SHARED, name)));

  it('parses every package into a valid CreateProblemDto', async () => {
    const names = require('fs').readdirSync(SHARED, { withFileTypes: true })
      .filter((d: { isDirectory(): boolean }) => d.isDirectory()).map((d: { name: string }) => d.name);
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const dto = await parse(name);
      expect(dto.id).toBe(name);
      expect({ name, errors: dtoErrors(dto) }).toEqual({ name, errors: [] });
      // every test names a group, and for scoring problems that group exists
      for (const t of dto.tests) expect(t.group).toBeTruthy();
      if (dto.groups) {
        const names = new Set(dto.groups.map((g) => g.name));
        for (const t of dto.tests) expect(names.has(t.group!)).toBe(true);
      }
    }
  });

  it('domjudge-addone: scoring groups small 10, medium 20, large 30 (60), .timelimit 5 s', async () => {
    const dto = await parse('domjudge-addone');
    expect(dto.title).toBe('Add One');
    expect(dto.timeLimitMs).toBe(5000);
    expect(dto.stopOnFailure).toBe(false);
    expect(groupMap(dto)).toEqual({ sample: 0, 'secret/small': 10, 'secret/medium': 20, 'secret/large': 30 });
    expect(maxScore(dto)).toBe(60);
    expect(dto.tests).toHaveLength(7);
    expect(dto.tests[0]).toEqual({ input: '5\n', output: '6\n', group: 'sample', sample: true });
    expect(dto.tests.filter((t) => t.group === 'secret/small')).toHaveLength(2);
  });

  it('domjudge-fibonacci: 4 groups of 25 (100)', async () => {
    const dto = await parse('domjudge-fibonacci');
    expect(groupMap(dto)).toEqual({
      sample: 0, 'secret/basic': 25, 'secret/medium': 25, 'secret/hard': 25, 'secret/extreme': 25,
    });
    expect(maxScore(dto)).toBe(100);
    expect(dto.timeLimitMs).toBe(2000);
  });

  it('domjudge-largestsum: basic 20, efficiency avg 5/10/15, robustness min merged into 50 (100)', async () => {
    const dto = await parse('domjudge-largestsum');
    expect(groupMap(dto)).toEqual({
      sample: 0,
      'secret/basic': 20,
      'secret/efficiency/small': 5,
      'secret/efficiency/medium': 10,
      'secret/efficiency/large': 15,
      'secret/robustness': 50,
    });
    expect(maxScore(dto)).toBe(100);
    const robust = dto.tests.filter((t) => t.group === 'secret/robustness');
    expect(robust).toHaveLength(3);
    expect(dto.timeLimitMs).toBe(1000); // no .timelimit in this package: the default
  });

  it('kattis-oddecho (2023-07-draft): name map, subtasks 50 + 50, samples 0, natural order', async () => {
    const dto = await parse('kattis-oddecho');
    expect(dto.title).toBe('Odd Echo');
    expect(groupMap(dto)).toEqual({ sample: 0, 'secret/subtask1': 50, 'secret/subtask2': 50 });
    expect(maxScore(dto)).toBe(100);
    expect(dto.tests).toHaveLength(18);
    expect(dto.tests.filter((t) => t.sample)).toHaveLength(2);
    // subtask2 mixes 01..09 with 1, 2, 3, 10: natural order interleaves them (01, 1, 02, 2, …, 10)
    const sub2 = path.join(SHARED, 'kattis-oddecho/data/secret/subtask2');
    // 1, 2 and 3 are symlinks stored as text ("../subtask1/1.in"): their targets' data is used.
    const read = (n: string) => {
      const text = readFileSync(path.join(sub2, `${n}.in`), 'utf8');
      return /^\.\.\//.test(text) ? readFileSync(path.join(sub2, text.trim()), 'utf8') : text;
    };
    const expected = ['01', '1', '02', '2', '03', '3', '04', '05', '06', '07', '08', '09', '10'].map(read);
    expect(expected.some((t) => t.startsWith('../'))).toBe(false);
    expect(dto.tests.filter((t) => t.group === 'secret/subtask2').map((t) => t.input)).toEqual(expected);
    // markdown is preferred over LaTeX: the only markdown statement is the Swedish one
    expect(dto.statement).toBe(readFileSync(path.join(SHARED, 'kattis-oddecho/statement/problem.sv.md'), 'utf8'));
  });

  it('kattis-hello: 512 MiB memory, pass-fail (no groups), LaTeX statement', async () => {
    const dto = await parse('kattis-hello');
    expect(dto.title).toBe('Hello World!');
    expect(dto.memoryLimitKb).toBe(512 * 1024);
    expect(dto.timeLimitMs).toBe(1000);
    expect(dto.groups).toBeUndefined();
    expect(dto.stopOnFailure).toBeUndefined();
    expect(dto.tests).toEqual([{ input: expect.any(String), output: expect.any(String), group: 'secret' }]);
    expect(dto.statement).toBe(readFileSync(path.join(SHARED, 'kattis-hello/problem_statement/problem.en.tex'), 'utf8'));
    expect(dto.checker).toEqual({ type: 'tokens' });
  });

  it('domjudge-fltcmp: float_tolerance 1E-6 gives both tolerances', async () => {
    const dto = await parse('domjudge-fltcmp');
    expect(dto.checker).toEqual({ type: 'tokens', absoluteTolerance: 1e-6, relativeTolerance: 1e-6 });
    expect(dto.tests.map((t) => t.group)).toEqual(['sample', 'secret', 'secret', 'secret']);
    expect(dto.groups).toBeUndefined();
  });

  it('domjudge-hello: time limit from .timelimit (seconds)', async () => {
    const dto = await parse('domjudge-hello');
    const seconds = Number(readFileSync(path.join(SHARED, 'domjudge-hello/.timelimit'), 'utf8'));
    expect(dto.timeLimitMs).toBe(Math.round(seconds * 1000));
    expect(dto.title).toBe('Hello World');
    expect(dto.statement).toBeUndefined();
  });

  (HAVE_ZIP_CLI ? it : it.skip)('a package zipped with its folder (zip CLI) parses like the folder', async () => {
    const zipPath = path.join(tmp, 'largestsum.zip');
    execFileSync('zip', ['-qr', zipPath, 'domjudge-largestsum'], { cwd: SHARED });
    const files = await zipFiles(zipPath);
    try {
      expect(files.name).toBe('domjudge-largestsum');
      expect(await parseProblemPackage(files)).toEqual(await parse('domjudge-largestsum'));
    } finally {
      files.close();
    }
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Synthetic packages                                                                          */
/* ------------------------------------------------------------------------------------------ */

describe('parseProblemPackage', () => {
  const minimal = { 'problem.yaml': 'name: X\n', 'data/secret/1.in': '1\n', 'data/secret/1.ans': '2\n' };

  it('custom checker: the single source of output_validators/<name>/, headers inlined', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml': 'name: X\nvalidation: custom\n',
      'output_validators/check/check.cpp': '#include "validate.h"\n#include <cstdio>\nint main() { return ok(); }\n',
      'output_validators/check/validate.h': '#pragma once\ninline int ok() { return 42; }\n',
    });
    expect(dto.checker?.type).toBe('custom');
    expect(dto.checker?.language).toBe('cpp');
    expect(dto.checker?.source).toContain('inline int ok() { return 42; }');
    expect(dto.checker?.source).toContain('#include <cstdio>');
    expect(dto.checker?.source).not.toContain('#include "validate.h"');
  });

  it('custom checker: python file directly in output_validators/; 2023-07 folder presence suffices', async () => {
    const legacy = await parseTree({
      ...minimal,
      'problem.yaml': 'validation: custom score\n',
      'output_validators/check.py': 'import sys\nsys.exit(42)\n',
    });
    expect(legacy.checker).toEqual({ type: 'custom', language: 'python3', source: 'import sys\nsys.exit(42)\n' });
    const draft = await parseTree({
      ...minimal,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: X\n',
      'output_validator/validator.rs': 'fn main() {}\n',
    });
    expect(draft.checker).toEqual({ type: 'custom', language: 'rust', source: 'fn main() {}\n' });
    // legacy without `validation: custom`: the validator folder is ignored (default validation)
    const ignored = await parseTree({ ...minimal, 'output_validators/check.py': 'x\n' });
    expect(ignored.checker).toEqual({ type: 'tokens' });
  });

  it('custom checker that is not a single supported source file: PackageError naming it', async () => {
    const two = parseTree({
      ...minimal,
      'problem.yaml': 'validation: custom\n',
      'output_validators/judge/a.cpp': 'int main(){}\n',
      'output_validators/judge/b.py': 'pass\n',
    });
    await expect(two).rejects.toThrow(PackageError);
    await expect(two).rejects.toThrow(/output_validators\/judge.*a\.cpp.*b\.py/);
    await expect(parseTree({
      ...minimal, 'problem.yaml': 'validation: custom\n', 'output_validators/judge/run.sh': 'exit 42\n',
    })).rejects.toThrow(/output_validators\/judge: expected exactly one source file/);
    await expect(parseTree({ ...minimal, 'problem.yaml': 'validation: custom\n' }))
      .rejects.toThrow(/no validator program/);
  });

  it('missing .ans: PackageError naming the file; a lone .ans is ignored', async () => {
    const p = parseTree({ ...minimal, 'data/secret/2.in': '3\n', 'data/secret/9.ans': 'x\n' });
    await expect(p).rejects.toThrow(PackageError);
    await expect(p).rejects.toThrow('data/secret/2.in has no answer file data/secret/2.ans');
    const ok = await parseTree({ ...minimal, 'data/secret/9.ans': 'x\n' });
    expect(ok.tests).toHaveLength(1);
  });

  it('orders tests naturally by path: samples first, 2 before 10, folders by name', async () => {
    const names = ['sample/1', 'sample/2', 'secret/1', 'secret/2', 'secret/10', 'secret/a/1', 'secret/a/3',
      'secret/a/20', 'secret/b', 'secret/group2/1', 'secret/group10/1'];
    const tree: Record<string, string> = { 'problem.yaml': '' };
    for (const n of [...names].reverse()) {
      tree[`data/${n}.in`] = n;
      tree[`data/${n}.ans`] = n;
    }
    const dto = await parseTree(tree);
    expect(dto.tests.map((t) => t.input)).toEqual(names);
    expect(dto.tests.map((t) => t.group)).toEqual(['sample', 'sample', 'secret', 'secret', 'secret', 'secret/a',
      'secret/a', 'secret/a', 'secret', 'secret/group2', 'secret/group10']);
    expect(dto.tests.map((t) => t.sample ?? false)).toEqual(names.map((n) => n.startsWith('sample/')));
    expect(['x/10', 'x/9', 'x/09', 'x/1a', 'x/1'].sort(comparePaths)).toEqual(['x/1', 'x/1a', 'x/09', 'x/9', 'x/10']);
  });

  it('float and case flags of the default validator', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml':
        "validator_flags: 'case_sensitive space_change_sensitive float_absolute_tolerance 1e-3 float_relative_tolerance 2E-4'\n",
    });
    expect(dto.checker).toEqual({
      type: 'tokens', caseSensitive: true, spaceChangeSensitive: true, absoluteTolerance: 1e-3, relativeTolerance: 2e-4,
    });
    await expect(parseTree({ ...minimal, 'problem.yaml': 'validator_flags: float_tolerance abc\n' }))
      .rejects.toThrow(/float_tolerance.*"abc"/);
    await expect(parseTree({ ...minimal, 'problem.yaml': 'validator_flags: float_tolerance\n' }))
      .rejects.toThrow(/float_tolerance needs a number/);
  });

  it('2023-07: output_validator_args in testdata.yaml (string or list), limits.time_limit, name maps', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname:\n  sv: Hej\n  en: Hello\nlimits:\n  time_limit: 2.5\n  memory: 1024\n  output: 16\n',
      'data/testdata.yaml': 'output_validator_args: [float_tolerance, "1e-9"]\n',
      'data/secret/testdata.yaml': 'output_validator_args: case_sensitive\n',
    });
    expect(dto.title).toBe('Hello');
    expect(dto.timeLimitMs).toBe(2500);
    expect(dto.memoryLimitKb).toBe(1024 * 1024);
    expect(dto.outputLimitKb).toBe(16 * 1024);
    expect(dto.checker).toEqual({ type: 'tokens', absoluteTolerance: 1e-9, relativeTolerance: 1e-9, caseSensitive: true });
    const noEn = await parseTree({ ...minimal, 'problem.yaml': 'problem_format_version: 2023-07-draft\nname: {de: Hallo, sv: Hej}\n' });
    expect(noEn.title).toBe('Hallo');
    const none = await parseTree({ ...minimal, 'problem.yaml': 'source: nowhere\n' }, { id: 'fallback-id' });
    expect(none.title).toBe('fallback-id');
  });

  it('.timelimit wins over limits.time_limit; defaults apply otherwise', async () => {
    const both = await parseTree({
      ...minimal, '.timelimit': '1.2345\n', 'problem.yaml': 'problem_format_version: 2023-07-draft\nlimits: {time_limit: 3}\n',
    });
    expect(both.timeLimitMs).toBe(1235);
    const dflt = await parseProblemPackage(directoryFiles(writePackage(minimal)), {
      id: 'x', defaultTimeLimitMs: 3000, defaultMemoryLimitKb: 65536,
    });
    expect([dflt.timeLimitMs, dflt.memoryLimitKb, dflt.outputLimitKb]).toEqual([3000, 65536, undefined]);
    await expect(parseTree({ ...minimal, '.timelimit': 'soon\n' })).rejects.toThrow(/\.timelimit must be a positive number/);
    await expect(parseTree({ ...minimal, 'problem.yaml': 'limits:\n  memory: -1\n' })).rejects.toThrow(/limits\.memory/);
  });

  it('statement: markdown before LaTeX, English first, problem_statement/ or statement/', async () => {
    const md = await parseTree({
      ...minimal,
      'problem_statement/problem.en.tex': 'tex',
      'problem_statement/problem.de.md': 'de',
      'statement/problem.en.md': 'en md',
    });
    expect(md.statement).toBe('en md');
    const plain = await parseTree({ ...minimal, 'problem_statement/problem.md': 'plain', 'problem_statement/problem.sv.md': 'sv' });
    expect(plain.statement).toBe('plain');
    const tex = await parseTree({ ...minimal, 'problem_statement/problem.sv.tex': 'sv', 'problem_statement/problem.en.tex': 'en' });
    expect(tex.statement).toBe('en');
  });

  it('scoring: nested sum/avg/min/max, inherited testdata.yaml, default accept_score 1', async () => {
    const t = (p: string) => ({ [`data/${p}.in`]: p, [`data/${p}.ans`]: p });
    const dto = await parseTree({
      'problem.yaml': 'problem_format_version: 2023-07-draft\ntype: [scoring]\n',
      ...t('sample/1'),
      ...t('secret/own'), // direct test of secret: a group worth secret's accept_score (inherited: 1)
      'data/secret/a/testdata.yaml': 'grader_flags: avg\naccept_score: 8\n',
      ...t('secret/a/x'), // a's own tests: 8 / 3 children
      ...t('secret/a/b/1'), // inherits avg + accept_score 8: own tests 8, then / 3
      'data/secret/a/c/testdata.yaml': 'grader_flags: min\n',
      ...t('secret/a/c/d/1'), // inherits min: d = 1
      'data/secret/a/c/e/testdata.yaml': 'accept_score: 4\n',
      ...t('secret/a/c/e/1'), ...t('secret/a/c/e/2'), // e = 4; c = min(1, 4) = 1, then / 3
      'data/secret/m/testdata.yaml': 'grader_flags: max\naccept_score: 6\n',
      ...t('secret/m/1'), ...t('secret/m/z/1'), // max(6, 6) merged
    });
    expect(groupMap(dto)).toEqual({
      sample: 0, secret: 1, 'secret/a': 2.666667, 'secret/a/b': 2.666667, 'secret/a/c': 0.333333, 'secret/m': 6,
    });
    expect(dto.tests.find((t) => t.input === 'secret/a/c/e/2')?.group).toBe('secret/a/c');
    expect(dto.tests.find((t) => t.input === 'secret/m/z/1')?.group).toBe('secret/m');
  });

  it('interactive: a sample\'s .interaction is shown as that sample (not in the statement)', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml': 'problem_format_version: 2023-07-draft\ntype: [pass-fail, interactive]\nname: Guess\n',
      'statement/problem.en.md': 'Guess the number.\n',
      'output_validator/validator.py': 'import sys\nsys.exit(42)\n',
      'data/sample/1.in': '1 10 3\n',
      'data/sample/1.ans': '3\n',
      'data/sample/1.interaction': '\ufeff> 1 10\r\n< ? 5\n> <\n< ! 3\n\n',
    });
    expect(dto.statement).toBe('Guess the number.\n');
    expect(dto.tests.find((t) => t.sample)).toMatchObject({ sample: true, input: '1 10 3\n', interaction: '> 1 10\r\n< ? 5\n> <\n< ! 3\n' });
    expect(dto.tests.find((t) => !t.sample)).not.toHaveProperty('interaction');
    expect(validateSync(plainToInstance(CreateProblemDto, dto))).toEqual([]);
  });

  it('interactive, 2023-07: type interactive, a validator of several files in output_validator/, .interaction samples in the statement', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml': 'problem_format_version: 2023-07-draft\ntype: [pass-fail, interactive]\nname: Guess\n',
      'statement/problem.en.md': 'Guess the number.\n',
      'output_validator/validator.cc': '#include "io.h"\nint main() { return answer(); }\n',
      'output_validator/io.h': '#pragma once\ninline int answer() { return 42; }\n',
      'data/sample/1.interaction': '> 1 10\n< ? 5\n> <\n< ! 3\n',
    });
    expect(dto.checker).toEqual({ type: 'interactive', language: 'cpp', source: expect.stringContaining('inline int answer() { return 42; }') });
    expect(dto.checker!.source).not.toContain('#include "io.h"');
    expect(dto.statement).toBe(
      'Guess the number.\n\n## Sample interactions\n\nLines starting with `>` are sent to your program, lines starting with `<` are what it prints.\n\n'
      + '### Sample interaction 1\n\n```\n> 1 10\n< ? 5\n> <\n< ! 3\n```\n',
    );
    expect(validateSync(plainToInstance(CreateProblemDto, dto))).toEqual([]);
  });

  it('a validator of several sources in one language (two .cc and a header): every file of its folder, built as several files', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml': 'problem_format_version: 2023-07-draft\ntype: [pass-fail, interactive]\nname: Guess\n',
      'output_validator/validator.cc': '#include "io.h"\nint main() { return answer(); }\n',
      'output_validator/io.cc': '#include "io.h"\nint answer() { return 42; }\n',
      'output_validator/io.h': '#pragma once\nint answer();\n',
      'output_validator/build': '#!/bin/sh\n',
    });
    expect(dto.checker).toEqual({
      type: 'interactive', language: 'cpp', files: [
        { path: 'build', content: '#!/bin/sh\n' },
        { path: 'io.cc', content: '#include "io.h"\nint answer() { return 42; }\n' },
        { path: 'io.h', content: '#pragma once\nint answer();\n' },
        { path: 'validator.cc', content: '#include "io.h"\nint main() { return answer(); }\n' },
      ],
    });
    expect(validateSync(plainToInstance(CreateProblemDto, dto))).toEqual([]);
  });

  it('interactive, legacy: validation custom interactive with output_validators/<name>/', async () => {
    const dto = await parseTree({
      ...minimal,
      'problem.yaml': 'validation: custom interactive\n',
      'output_validators/guess/guess.py': 'import sys\nsys.exit(42)\n',
    });
    expect(dto.checker).toEqual({ type: 'interactive', language: 'python3', source: 'import sys\nsys.exit(42)\n' });
    await expect(parseTree({ ...minimal, 'problem.yaml': 'validation: custom interactive\n' })).rejects.toThrow(/no validator program/);
    await expect(parseTree({ ...minimal, 'problem.yaml': 'validation: default interactive\n' })).rejects.toThrow(/validation interactive needs a custom validator/);
  });

  it('rejects unsupported types', async () => {
    await expect(parseTree({ ...minimal, 'problem.yaml': 'type: [scoring, multi-pass]\n' })).rejects.toThrow(/type multi-pass is not supported/);
    await expect(parseTree({ ...minimal, 'problem.yaml': 'type: weird\n' })).rejects.toThrow(/problem\.yaml: type "weird"/);
    await expect(parseTree({ ...minimal, 'problem.yaml': 'name: [unclosed\n' })).rejects.toThrow(/problem\.yaml is not valid YAML/);
    await expect(parseTree({ 'problem.yaml': '' })).rejects.toThrow(/no test cases/);
  });

  it('id: opts.id (validated) or the slugified folder name', async () => {
    const dir = writePackage(minimal, 'Hello World_2');
    expect((await parseProblemPackage(directoryFiles(dir))).id).toBe('hello-world-2');
    await expect(parseProblemPackage(directoryFiles(dir), { id: 'Bad Id' })).rejects.toThrow(PackageError);
    expect(slugify('Ünïcode  Problem!')).toBe('unicode-problem');
    expect(slugify('x'.repeat(100))).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    expect(slugify(`${'a'.repeat(63)} b`)).toBe('a'.repeat(63));
    expect(() => slugify('__')).toThrow(PackageError);
  });
});

describe('directoryFiles', () => {
  it('lists posix paths, follows links inside the package and rejects links leaving it', async () => {
    const dir = writePackage({ ...{ 'problem.yaml': '', 'data/secret/1.in': 'a', 'data/secret/1.ans': 'b' } });
    symlinkSync('1.in', path.join(dir, 'data/secret/2.in'));
    symlinkSync('1.ans', path.join(dir, 'data/secret/2.ans'));
    const files = directoryFiles(dir);
    expect(files.list()).toEqual(['data/secret/1.ans', 'data/secret/1.in', 'data/secret/2.ans', 'data/secret/2.in', 'problem.yaml']);
    expect((await files.read('data/secret/2.in')).toString()).toBe('a');
    await expect(files.read('../etc/passwd')).rejects.toThrow(PackageError);

    const outside = writePackage({ 'problem.yaml': '' });
    symlinkSync('/etc', path.join(outside, 'escape'));
    expect(() => directoryFiles(outside).list()).toThrow(/symbolic link points outside the package: escape/);
  });
});

describe('zipFiles', () => {
  const pkg: ZipEntrySpec[] = [
    { name: 'problem.yaml', data: 'name: Zipped\ntype: scoring\n' },
    { name: 'data/' },
    { name: 'data/secret/g/testdata.yaml', data: 'accept_score: 7\n' },
    { name: 'data/secret/g/1.in', data: '1 2\n'.repeat(1000), deflate: true },
    { name: 'data/secret/g/1.ans', data: '3\n' },
  ];

  it('reads a flat zip (stored and deflated entries)', async () => {
    const files = await zipFiles(makeZip(pkg));
    expect(files.name).toBeUndefined();
    expect(files.list()).toEqual(['data/secret/g/1.ans', 'data/secret/g/1.in', 'data/secret/g/testdata.yaml', 'problem.yaml']);
    const dto = await parseProblemPackage(files, { id: 'zipped' });
    files.close();
    expect(dto.title).toBe('Zipped');
    expect(dto.tests).toEqual([{ input: '1 2\n'.repeat(1000), output: '3\n', group: 'secret/g' }]);
    expect(dto.groups).toEqual([{ name: 'secret/g', points: 7 }]);
  });

  it('strips a single top folder and takes the id from it; reads from a path too', async () => {
    const nested = makeZip([{ name: 'hello/' }, ...pkg.map((e) => ({ ...e, name: `hello/${e.name}` })),
      { name: '__MACOSX/hello/._problem.yaml', data: 'junk' }]);
    const zipPath = path.join(tmp, 'upload.zip');
    writeFileSync(zipPath, nested);
    for (const source of [nested, zipPath]) {
      const files = await zipFiles(source);
      expect(files.name).toBe('hello');
      expect(files.list()).toContain('problem.yaml');
      const dto = await parseProblemPackage(files);
      files.close();
      expect(dto.id).toBe('hello');
      expect(dto.tests).toHaveLength(1);
    }
    // A path without a top folder: the name is the zip's base name
    const flatPath = path.join(tmp, 'My Problem.kpp');
    writeFileSync(flatPath, makeZip(pkg));
    const flat = await zipFiles(flatPath);
    expect(flat.name).toBe('My Problem');
    expect((await parseProblemPackage(flat)).id).toBe('my-problem');
    flat.close();
  });

  it('rejects path traversal and absolute entries, naming them', async () => {
    for (const name of ['../evil', 'hello/../../evil', '/etc/passwd', 'C:/x']) {
      const p = zipFiles(makeZip([...pkg, { name, data: 'x' }]));
      await expect(p).rejects.toThrow(PackageError);
      await expect(p).rejects.toThrow(`unsafe zip entry`);
      await expect(p).rejects.toThrow(name);
    }
  });

  it('reads backslashes as separators, so Windows-style escapes are refused too', async () => {
    for (const [name, shown] of [['..\\evil', '../evil'], ['data\\..\\..\\evil', 'data/../../evil'], ['C:\\Windows\\x', 'C:/Windows/x'], ['\\etc\\passwd', '/etc/passwd']]) {
      const p = zipFiles(makeZip([...pkg, { name, data: 'x' }]));
      await expect(p).rejects.toThrow(/^unsafe zip entry: (invalid relative path|absolute path)/);
      await expect(p).rejects.toThrow(shown);
    }
    const windows = await zipFiles(makeZip([{ name: 'problem.yaml', data: '' }, { name: 'data\\secret\\1.in', data: 'x' }]));
    expect(windows.list()).toEqual(['data/secret/1.in', 'problem.yaml']);
    windows.close();
  });

  it('refuses symbolic links to absolute paths, drive letters and backslash paths, naming link and target', async () => {
    for (const target of ['/etc/passwd', 'C:/Windows/win.ini', '..\\..\\..\\etc\\passwd', '../../../../etc/passwd', '../../../../..']) {
      const p = zipFiles(makeZip([...pkg, { name: 'data/secret/g/2.in', data: target, mode: 0o120777 }]));
      await expect(p).rejects.toThrow(`symbolic link points outside the package: data/secret/g/2.in -> ${JSON.stringify(target)}`);
    }
  });

  it('caps the total uncompressed size and the entry count', async () => {
    const big = makeZip([{ name: 'data/secret/1.in', data: Buffer.alloc(1 << 20), deflate: true }, { name: 'data/secret/1.ans', data: 'x' }]);
    expect(big.length).toBeLessThan(1 << 14); // compresses ~1000:1
    await expect(zipFiles(big, { maxUnpackedBytes: 1 << 19 })).rejects.toThrow(
      /zip bomb: entries declare more than the 524288 bytes allowed unpacked in all \(PACKAGE_MAX_UNPACKED_BYTES\), at entry data\/secret\/1\.in/);
    await expect(zipFiles(big, { maxFileBytes: 1 << 19 })).rejects.toThrow(
      /zip bomb: data\/secret\/1\.in declares 1048576 bytes unpacked, more than the 524288 allowed per file \(PACKAGE_MAX_FILE_BYTES\)/);
    const ok = await zipFiles(big, { maxUnpackedBytes: 2 << 20 });
    expect((await ok.read('data/secret/1.in')).length).toBe(1 << 20);
    ok.close();
    const many = makeZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, data: '' })));
    await expect(zipFiles(many, { maxEntries: 10 })).rejects.toThrow(/12 entries, more than the 10 allowed \(PACKAGE_MAX_ENTRIES\)/);
  });

  describe('counts the bytes actually inflated, whatever the headers declare', () => {
    const zeros = (n: number) => Buffer.alloc(n, 0x30);
    /** Random bytes: they do not compress, so the ratio stays near 1. */
    const noise = (n: number) => randomBytes(n);

    it('a file declaring 10 bytes that inflates past the per-file cap', async () => {
      const lie = lieAboutSizes(makeZip([{ name: 'data/secret/1.in', data: zeros(4 << 20), deflate: true }]), 10);
      const files = await zipFiles(lie, { maxFileBytes: 1 << 20, maxRatio: 1e6 });
      await expect(files.read('data/secret/1.in')).rejects.toThrow(
        'zip bomb: data/secret/1.in inflates to more than the 1048576 bytes allowed per file (PACKAGE_MAX_FILE_BYTES)');
      files.close();
    });

    it('files declaring 10 bytes each that inflate past the total cap, read after read', async () => {
      const lie = lieAboutSizes(makeZip([1, 2, 3].map((i) => ({ name: `data/secret/${i}.in`, data: noise(400 << 10), deflate: true }))), 10);
      const files = await zipFiles(lie, { maxUnpackedBytes: 1 << 20 });
      expect((await files.read('data/secret/1.in')).length).toBe(400 << 10);
      expect((await files.read('data/secret/2.in')).length).toBe(400 << 10);
      await expect(files.read('data/secret/3.in')).rejects.toThrow(
        'zip bomb: unpacking stopped at data/secret/3.in: more than the 1048576 bytes allowed unpacked in all (PACKAGE_MAX_UNPACKED_BYTES)');
      files.close();
    });

    it('reading the same file again counts again (links and text links cannot amplify)', async () => {
      const files = await zipFiles(makeZip([{ name: 'a', data: noise(300 << 10), deflate: true }]), { maxUnpackedBytes: 1 << 20 });
      for (let i = 0; i < 3; i++) await files.read('a');
      await expect(files.read('a')).rejects.toThrow(/unpacking stopped at a: more than the 1048576 bytes/);
      files.close();
    });

    it('a compression ratio over the cap, once 1 MiB is inflated', async () => {
      const zip = makeZip([{ name: 'small', data: zeros(512 << 10), deflate: true }, { name: 'big', data: zeros(2 << 20), deflate: true }]);
      const files = await zipFiles(zip, { maxRatio: 100 });
      expect((await files.read('small')).length).toBe(512 << 10); // under the 1 MiB grace
      await expect(files.read('big')).rejects.toThrow('zip bomb: unpacking stopped at big: more than 100 bytes inflated per compressed byte (PACKAGE_MAX_RATIO)');
      files.close();
    });

    it('the default ratio lets the most compressible honest zip through, links read twice included', async () => {
      const zip = makeZip([{ name: 'a', data: zeros(8 << 20), deflate: true }, { name: 'b', data: 'a', mode: 0o120777 }]);
      const files = await zipFiles(zip);
      expect((await files.read('a')).length).toBe(8 << 20);
      expect((await files.read('b')).length).toBe(8 << 20);
      files.close();
    });

    it('entries sharing one compressed body (an overlapping-entry bomb) are refused before inflating', async () => {
      const bomb = overlappingBomb(noiseLines(1 << 20), 64);
      await expect(zipFiles(bomb, { maxUnpackedBytes: 1 << 30 })).rejects.toThrow(
        /^zip bomb: entries data\/secret\/\d+\.in and data\/secret\/\d+\.in overlap \(they share compressed data\)$/);
    });
  });

  it('rejects garbage, duplicates and links leaving the archive; follows links inside it', async () => {
    await expect(zipFiles(Buffer.from('not a zip at all, clearly'))).rejects.toThrow(/not a readable zip archive/);
    await expect(zipFiles(makeZip([...pkg, { name: 'problem.yaml', data: 'again' }]))).rejects.toThrow(/duplicate zip entry: problem\.yaml/);
    await expect(zipFiles(makeZip([...pkg, { name: 'data/secret/evil.in', data: '../../../etc/passwd', mode: 0o120777 }])))
      .rejects.toThrow(/symbolic link points outside the package: data\/secret\/evil\.in/);
    const linked = await zipFiles(makeZip([...pkg, { name: 'data/secret/g/2.in', data: '1.in', mode: 0o120777 },
      { name: 'data/secret/g/2.ans', data: '1.ans', mode: 0o120777 }]));
    const dto = await parseProblemPackage(linked, { id: 'l' });
    linked.close();
    expect(dto.tests.map((t) => t.output)).toEqual(['3\n', '3\n']);
    const files = await zipFiles(makeZip(pkg));
    await expect(files.read('nope')).rejects.toThrow(/no such file in the package: nope/);
    files.close();
    await expect(files.read('problem.yaml')).rejects.toThrow(/closed/);
  });
});


describe('test data stored as a text symlink', () => {
  it('follows a file whose whole content is a relative path to another test file', async () => {
    const { readTestFile } = await import('./kattis-package.parser');
    const store: Record<string, string> = { 'data/secret/a/1.in': '5\n', 'data/secret/b/1.in': '../a/1.in\n', 'data/secret/b/2.in': 'not/a/file\n' };
    const files = { list: () => Object.keys(store), read: async (p: string) => Buffer.from(store[p]), close: () => undefined };
    const present = new Set(Object.keys(store));
    expect((await readTestFile(files as any, present, 'data/secret/b/1.in')).toString()).toBe('5\n');
    expect((await readTestFile(files as any, present, 'data/secret/b/2.in')).toString()).toBe('not/a/file\n');
  });

  it('refuses one that points outside the package, naming file and target', async () => {
    const { readTestFile } = await import('./kattis-package.parser');
    const store: Record<string, string> = { 'data/secret/1.in': '../../../etc/passwd\n' };
    const files = { list: () => Object.keys(store), read: async (p: string) => Buffer.from(store[p]), close: () => undefined };
    const present = new Set(Object.keys(store));
    await expect(readTestFile(files as any, present, 'data/secret/1.in')).rejects.toThrow(
      'data/secret/1.in is a symbolic link stored as text ("../../../etc/passwd") that points outside the package');
  });
});
