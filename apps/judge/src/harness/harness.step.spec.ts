import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verdict } from '@app/contracts';
import type { ProblemEntity } from '@app/persistence';
import type { Language } from '../languages/language.registry';
import { checkResult, NoHarnessError, programInput, programSource } from './harness.step';

const python = {
  id: 'python3', name: 'Python 3', version: '3.11', mounts: [], env: {},
  sourceFile: () => 'main.py',
  run: (f: string) => ['/usr/bin/python3', `/prog/${f}`],
  lazyCompileCheck: { looksLike: () => true, confirm: (f: string) => ['/usr/bin/python3', '-c', 'compile', `/prog/${f}`] },
} as unknown as Language;
const cpp = { ...python, id: 'cpp', name: 'C++17', sourceFile: () => 'main.cpp', lazyCompileCheck: undefined } as unknown as Language;
const twoSum = { id: 'two-sum', signature: { function: { name: 'twoSum', params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int[]', anyOrder: true } } } as unknown as ProblemEntity;

const one = (sourceCode: string) => ({ sourceCode, files: null, entryPoint: null });

describe('programSource', () => {
  it('is the source as it is for programs and ad-hoc runs', () => {
    expect(programSource(cpp, undefined, one('int main(){}'))).toEqual({ language: cpp, file: 'main.cpp', files: { 'main.cpp': 'int main(){}' }, spec: null, harness: null });
    expect(programSource(cpp, { id: 'aplusb', signature: null } as ProblemEntity, one('x')).harness).toBeNull();
  });

  it('is the harness for function problems, with syntax checks pointed at the user\'s file', () => {
    const p = programSource(python, twoSum, one('class Solution: pass\n'));
    expect(p.file).toBe('main.py');
    expect(p.files['solution.py']).toBe('class Solution: pass\n');
    expect(p.language.lazyCompileCheck!.confirm('main.py')).toEqual(['/usr/bin/python3', '-c', 'compile', '/prog/solution.py']);
    expect(p.language.run('main.py', 1)).toEqual(['/usr/bin/python3', '/prog/main.py']);
  });

  it('throws NoHarnessError for a language without a harness', () => {
    expect(() => programSource({ ...cpp, id: 'cobol', name: 'COBOL' } as unknown as Language, twoSum, one('x'))).toThrow(NoHarnessError);
  });
});

describe('programInput', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oj-harness-step-'));
  const input = join(dir, '1.in');
  writeFileSync(input, '[2,7,11,15]\n9\n');

  it('hands JSON-reading drivers the test\'s own input, and programs theirs', () => {
    expect(programInput(programSource(python, twoSum, one('')), input)).toBe(input);
    expect(programInput(programSource(cpp, undefined, one('')), input)).toBe(input);
  });

  it('writes the wire form once, next to the cached input', () => {
    const program = programSource(cpp, twoSum, one(''));
    const wire = programInput(program, input);
    expect(wire).toBe(join(dir, '1.wire'));
    expect(readFileSync(wire, 'utf8')).toBe('4\n2\n7\n11\n15\n9\n');
    writeFileSync(wire, 'kept');
    expect(readFileSync(programInput(program, input), 'utf8')).toBe('kept');
    expect(existsSync(join(dir, '1.wire'))).toBe(true);
  });
});

describe('checkResult', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oj-harness-check-'));
  const answer = join(dir, '1.ans');
  writeFileSync(answer, '[0,1]\n');
  const program = programSource(cpp, twoSum, one(''));

  it.each([
    ['[0,1]', Verdict.AC, 'ok'],
    ['[1,0]', Verdict.AC, 'ok'],
    ['[0,2]', Verdict.WA, 'wrong answer: [1]: expected 1, got 2 (any order: arrays compared sorted)'],
  ])('%s is %s', (result, verdict, message) => expect(checkResult(program, answer, Buffer.from(result))).toEqual({ verdict, message }));

  it('is WA when the driver wrote nothing', () => expect(checkResult(program, answer, undefined).verdict).toBe(Verdict.WA));
});
