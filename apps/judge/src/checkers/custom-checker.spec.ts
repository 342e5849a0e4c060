import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { automock } from '../../../../test/support/automock';
import { COMPILE_LIMITS, Compiler } from '../compile/compiler';
import { Language, LanguageRegistry } from '../languages/language.registry';
import { SandboxService } from '../sandbox/sandbox.service';
import { RunResult } from '../sandbox/sandbox.types';
import { CHECKER_LIMITS, checkerCompileLimits, CustomCheckers } from './custom-checker';

const CPP: Language = {
  id: 'cpp', name: 'C++', version: '12', mounts: [], env: {},
  sourceFile: () => 'main.cpp', compile: (f) => ['/usr/bin/g++', f], run: () => ['/prog/main'],
};
const run = (over: Partial<RunResult> = {}): RunResult => ({
  outcome: 'exited', exitCode: 0, signal: null, cpuMs: 5, wallMs: 7, memoryKb: 900, memoryLimitHit: false,
  stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputLimitStream: null, ...over,
});

function newTestService(workDir: string) {
  const mocks = { sandbox: automock(SandboxService), languages: automock(LanguageRegistry), compiler: automock(Compiler) };
  const config = { judgeWorkDir: workDir } as AppConfig;
  return { sut: new CustomCheckers(config, mocks.sandbox, mocks.languages, mocks.compiler), mocks };
}

describe(CustomCheckers.name, () => {
  let tmp: string;
  let sut: CustomCheckers;
  let mocks: ReturnType<typeof newTestService>['mocks'];
  // A judge started with JUDGE_COMPILE_TIME_LIMIT_MS=150000 (a slow machine: the demo's --time-scale 10).
  const slowMachine = { ...COMPILE_LIMITS, cpuMs: 150000, wallMs: 300000 };

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'custom-checker-spec-'));
    ({ sut, mocks } = newTestService(tmp));
    mocks.languages.get.mockReturnValue(CPP);
    mocks.compiler.limitsFor.mockReturnValue(slowMachine);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('compiles a checker with twice the judge\'s compile time (JUDGE_COMPILE_TIME_LIMIT_MS), not a fixed one', async () => {
    mocks.compiler.build.mockResolvedValueOnce({ file: 'main.cpp', dir: '/d', ok: true, run: run() });
    const p = await sut.prepare('p-1', { type: 'custom', language: 'cpp', source: 'int main(){}' });
    expect(p.error).toBeNull();
    expect(mocks.compiler.limitsFor).toHaveBeenCalledWith(CPP);
    expect(mocks.compiler.build).toHaveBeenCalledWith(CPP, expect.anything(), join(tmp, 'checkers', 'p-1'), {
      ...CHECKER_LIMITS, cpuMs: 300000, wallMs: 600000,
    });
  });

  it('says why a checker did not compile when the compiler said nothing (stopped at its time limit)', async () => {
    mocks.compiler.build.mockResolvedValueOnce({ file: 'main.cpp', dir: '/d', ok: false, run: run({ outcome: 'time-limit', exitCode: null }) });
    const p = await sut.prepare('p-1', { type: 'custom', language: 'cpp', source: 'int main(){}' });
    expect(p.error).toBe('the checker does not compile: compilation exceeded its CPU time limit (300000 ms)');
  });

  it('gives the compiler\'s words and its exit code for a checker that does not compile', async () => {
    mocks.compiler.build.mockResolvedValueOnce({ file: 'main.cpp', dir: '/d', ok: false, run: run({ exitCode: 1, stderr: Buffer.from('main.cpp:1: error: oops\n') }) });
    const p = await sut.prepare('p-1', { type: 'custom', language: 'cpp', source: 'int main(' });
    expect(p.error).toBe('the checker does not compile: main.cpp:1: error: oops\nthe compiler exited with code 1');
  });

  it('compiles once for submissions judged at once, and again after a failure (the machine may be at fault)', async () => {
    mocks.compiler.build
      .mockResolvedValueOnce({ file: 'main.cpp', dir: '/d', ok: false, run: run({ outcome: 'wall-time-limit', exitCode: null }) })
      .mockResolvedValueOnce({ file: 'main.cpp', dir: '/d', ok: true, run: run() });
    const checker = { type: 'custom' as const, language: 'cpp' as const, source: 'int main(){}' };
    const [a, b] = await Promise.all([sut.prepare('p-1', checker), sut.prepare('p-1', checker)]);
    expect(a).toBe(b);
    expect(a.error).toMatch(/wall time limit \(600000 ms\)/);
    expect((await sut.prepare('p-1', checker)).error).toBeNull();
    expect(mocks.compiler.build).toHaveBeenCalledTimes(2);
  });

  it('checkerCompileLimits: the checkers\' memory and processes, twice the submissions\' compile times', () => {
    expect(checkerCompileLimits(COMPILE_LIMITS)).toEqual({ ...CHECKER_LIMITS, cpuMs: 30000, wallMs: 60000 });
  });
});
