import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { automock } from '../../../../test/support/automock';
import { ProcessRunner } from '../process/process-runner';
import { LanguageRegistry, pythonSyntaxErrorFile } from './language.registry';

describe(LanguageRegistry.name, () => {
  let workDir: string;
  let processes: jest.Mocked<ProcessRunner>;
  let sut: LanguageRegistry;

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'languages-spec-'));
    processes = automock(ProcessRunner);
    sut = new LanguageRegistry({ judgeWorkDir: workDir } as AppConfig, processes);
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  it('does nothing when constructed: detection waits for onModuleInit', () => {
    expect(sut.list()).toEqual([]);
    expect(existsSync(join(workDir, 'runtime'))).toBe(false);
  });

  it('keeps the toolchains its probes find, with the versions they report', () => {
    // `command -v gcc` finds a binary (any existing path will do), which reports its version; nothing else is found.
    processes.runSync.mockImplementation((cmd, args) => {
      if (cmd === 'sh' && args[1] === 'command -v gcc') return { status: 0, stdout: '/bin/sh\n', stderr: '' };
      if (args[0] === '-dumpfullversion') return { status: 0, stdout: '12.2.0\n', stderr: '' };
      return { status: 1, stdout: '', stderr: '' };
    });

    sut.onModuleInit();

    // gcc alone: C and its standards; no language whose probe failed. (Toolchains found at fixed
    // paths without a probe, such as Erlang's, may also show up on this host.)
    const ids = sut.list().map((l) => l.id);
    expect(ids.slice(0, 5)).toEqual(['c', 'c99', 'c11', 'c17', 'c23']);
    for (const absent of ['cpp', 'python3', 'java', 'rust', 'javascript', 'go']) expect(ids).not.toContain(absent);
    expect(sut.list()[0]).toMatchObject({ id: 'c', name: 'C11 (gcc -O2)', version: '12.2.0', timeMultiplier: 1 });
    expect(sut.get('c')?.compile?.('main.c')).toEqual([expect.stringMatching(/^\//), '-O2', '-std=gnu11', '-pipe', '-o', 'main', 'main.c', '-lm']);
    expect(existsSync(join(workDir, 'runtime', 'node-preload.js'))).toBe(true);
  });
});

describe('pythonSyntaxErrorFile: where a syntax error Python reported is', () => {
  const tb = (frames: string) => `Traceback (most recent call last):\n  File "/prog/main.py", line 1, in <module>\n    import helpers\n${frames}`;
  it.each<[string, string, string | null]>([
    ['the entry (no traceback)', '  File "/prog/main.py", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n', '/prog/main.py'],
    ['a module the entry imports', tb('  File "/prog/lib/helpers.py", line 3\n    x = (\n        ^\nSyntaxError: \'(\' was never closed\n'), '/prog/lib/helpers.py'],
    ['an IndentationError in a module', tb('  File "/prog/helpers.py", line 2\n    pass\nIndentationError: unexpected indent\n'), '/prog/helpers.py'],
    ['exec of bad text: the program\'s runtime error', tb('  File "<string>", line 1\n    def (\n        ^\nSyntaxError: invalid syntax\n'), null],
    ['a module outside the program (the standard library)', tb('  File "/usr/lib/python3.11/x.py", line 1\nSyntaxError: invalid syntax\n'), null],
    ['a SyntaxError raised by the program', tb('  File "/prog/main.py", line 2, in <module>\n    raise SyntaxError("x")\nSyntaxError: x\n'), null],
    ['any other error', tb('  File "/prog/helpers.py", line 1, in <module>\nNameError: name \'x\' is not defined\n'), null],
  ])('%s', (_what, stderr, file) => {
    expect(pythonSyntaxErrorFile(stderr)).toBe(file);
  });
});
