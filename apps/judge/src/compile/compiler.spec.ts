import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { automock } from '../../../../test/support/automock';
import { ProgramCache } from '../cache/program.cache';
import { Language } from '../languages/language.registry';
import { SandboxService } from '../sandbox/sandbox.service';
import { RunResult } from '../sandbox/sandbox.types';
import { COMPILE_LIMITS, compileCommand, Compiler, singleFile } from './compiler';

const C: Language = {
  id: 'c', name: 'C', version: '12', mounts: [{ source: '/opt/x', target: '/opt/x' }], env: { A: '1' },
  sourceFile: () => 'main.c', compile: (f) => ['/usr/bin/gcc', f], run: () => ['/prog/main'],
};
const PY: Language = {
  id: 'python3', name: 'Python 3', version: '3.11', mounts: [], env: {},
  sourceFile: () => 'main.py', run: (f) => ['/usr/bin/python3', `/prog/${f}`],
  lazyCompileCheck: { looksLike: (e) => e.includes('SyntaxError'), confirm: (f) => ['/usr/bin/python3', '-c', 'check', `/prog/${f}`] },
};
const run = (over: Partial<RunResult> = {}): RunResult => ({
  outcome: 'exited', exitCode: 0, signal: null, cpuMs: 5, wallMs: 7, memoryKb: 900, memoryLimitHit: false,
  stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputLimitStream: null, ...over,
});

function newTestService() {
  const mocks = { sandbox: automock(SandboxService), programs: automock(ProgramCache) };
  return { sut: new Compiler(mocks.sandbox, mocks.programs, { judgeCompileTimeLimitMs: 15000 } as AppConfig), mocks };
}

describe(Compiler.name, () => {
  let tmp: string;
  let sut: Compiler;
  let mocks: ReturnType<typeof newTestService>['mocks'];

  beforeEach(() => {
    ({ sut, mocks } = newTestService());
    tmp = mkdtempSync(join(tmpdir(), 'compiler-spec-'));
    mocks.programs.key.mockReturnValue('k1');
    mocks.programs.put.mockImplementation((_key, _dir, ok, output) => ({ dir: `/cache/${ok}`, ok, output }));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  describe('build', () => {
    it('saves the source, compiles it in a box at /box with the given limits, leaves the folder read-only for boxes', async () => {
      mocks.sandbox.run.mockResolvedValueOnce(run());
      const dir = join(tmp, 'b');
      const b = await sut.build(C, singleFile(C, 'int main(){}'), dir, { ...COMPILE_LIMITS, cpuMs: 30000 });
      expect(b).toMatchObject({ file: 'main.c', dir, ok: true });
      expect(readFileSync(join(dir, 'main.c'), 'utf8')).toBe('int main(){}');
      expect(statSync(dir).mode & 0o777).toBe(0o755);
      expect(mocks.sandbox.run).toHaveBeenCalledWith({
        argv: ['/usr/bin/gcc', 'main.c'], mounts: C.mounts, workDir: dir, env: { A: '1' }, limits: { ...COMPILE_LIMITS, cpuMs: 30000 },
      });
    });

    it('runs nothing for a language without a compile step', async () => {
      const b = await sut.build(PY, singleFile(PY, 'print(1)'), join(tmp, 'p'));
      expect(b).toEqual({ file: 'main.py', dir: join(tmp, 'p'), ok: true, run: null });
    });
  });

  describe('compile', () => {
    it('returns a cached program without compiling', async () => {
      mocks.programs.get.mockReturnValueOnce({ dir: '/cache/hit', ok: true, output: null });
      await expect(sut.compile(C, singleFile(C, 'src'), tmp)).resolves.toEqual({ dir: '/cache/hit', ok: true, output: null, file: 'main.c' });
      expect(mocks.programs.key).toHaveBeenCalledWith({ language: 'c', version: '12', command: ['/usr/bin/gcc', 'main.c'], source: 'src' });
    });

    it('caches a compile error with the compiler\'s words and the exit code', async () => {
      mocks.programs.get.mockReturnValueOnce(null);
      mocks.sandbox.run.mockResolvedValueOnce(run({ exitCode: 1, stderr: Buffer.from('main.c:1: error: x\n') }));
      const p = await sut.compile(C, singleFile(C, 'src'), tmp);
      expect(p).toEqual({ dir: '/cache/false', ok: false, output: 'main.c:1: error: x\nthe compiler exited with code 1', file: 'main.c' });
      expect(mocks.programs.put).toHaveBeenCalledWith('k1', join(tmp, 'program'), false, 'main.c:1: error: x\nthe compiler exited with code 1');
    });

    it('does not cache a compiler stopped at a limit', async () => {
      mocks.programs.get.mockReturnValueOnce(null);
      mocks.sandbox.run.mockResolvedValueOnce(run({ outcome: 'time-limit', exitCode: null, signal: 'SIGKILL' }));
      const p = await sut.compile(C, singleFile(C, 'src'), tmp);
      expect(p).toEqual({ dir: join(tmp, 'program'), ok: false, output: 'compilation exceeded its CPU time limit (15000 ms)', file: 'main.c' });
      expect(mocks.programs.put).not.toHaveBeenCalled();
    });

    it('throws when the compiler cannot be executed (the judge\'s fault)', async () => {
      mocks.programs.get.mockReturnValueOnce(null);
      mocks.sandbox.run.mockResolvedValueOnce(run({ exitCode: 127, execError: 'No such file or directory' }));
      await expect(sut.compile(C, singleFile(C, 'src'), tmp)).rejects.toThrow('cannot run the c compiler: No such file or directory');
    });
  });

  describe('isLazyCompileError', () => {
    const program = { dir: '/cache/p', ok: true, output: null, file: 'main.py' };

    it('confirms a syntax error with the language\'s check in a box', async () => {
      mocks.sandbox.run.mockResolvedValueOnce(run({ exitCode: 1 }));
      await expect(sut.isLazyCompileError(PY, program, run({ exitCode: 1, stderr: Buffer.from('SyntaxError: x') }))).resolves.toBe(true);
      expect(mocks.sandbox.run).toHaveBeenCalledWith({
        argv: ['/usr/bin/python3', '-c', 'check', '/prog/main.py'], mounts: [{ source: '/cache/p', target: '/prog' }], env: {}, limits: COMPILE_LIMITS,
      });
    });

    it('is false without a box run when stderr does not look like one, or the run succeeded', async () => {
      await expect(sut.isLazyCompileError(PY, program, run({ exitCode: 1, stderr: Buffer.from('Traceback') }))).resolves.toBe(false);
      await expect(sut.isLazyCompileError(PY, program, run({ stderr: Buffer.from('SyntaxError') }))).resolves.toBe(false);
    });

    it('is false when the check passes (the program printed it itself)', async () => {
      mocks.sandbox.run.mockResolvedValueOnce(run());
      await expect(sut.isLazyCompileError(PY, program, run({ exitCode: 1, stderr: Buffer.from('SyntaxError: x') }))).resolves.toBe(false);
    });
  });
});

describe('compileCommand', () => {
  const gcc = { ...C, compile: (f: string, _src?: string, sources = [f]) => ['/usr/bin/gcc', '-o', 'main', ...sources] } as Language;
  it('gives every source of a program sent as several files, the entry first; headers and data stay out', () => {
    expect(compileCommand(gcc, { file: 'main.c', files: { 'lib/b.c': '', 'main.c': '', 'lib/b.h': '', 'in.txt': '' }, several: true }))
      .toEqual(['/usr/bin/gcc', '-o', 'main', 'main.c', 'lib/b.c']);
  });

  it('gives the entry only for one file, or for a function problem\'s driver that includes the user\'s file itself', () => {
    expect(compileCommand(gcc, { file: 'main.c', files: { 'main.c': '#include "solution.c"', 'solution.c': '' } })).toEqual(['/usr/bin/gcc', '-o', 'main', 'main.c']);
    expect(compileCommand(PY, { file: 'main.py', files: { 'main.py': '' }, several: true })).toBeUndefined();
  });
});
