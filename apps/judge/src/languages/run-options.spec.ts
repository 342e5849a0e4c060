import { Language, withRunOptions } from './language.registry';

const c: Language = {
  id: 'c', name: 'C', version: '12', mounts: [], env: {},
  sourceFile: () => 'main.c',
  compile: (f, _src, sources) => ['/usr/bin/gcc', '-o', 'main', ...(sources ?? [f])],
  run: () => ['/prog/main'],
};

describe(withRunOptions.name, () => {
  it('leaves the language as it is without options', () => {
    expect(withRunOptions(c, null)).toBe(c);
  });

  it('adds compiler options after the compile command and arguments after the run command', () => {
    const l = withRunOptions(c, { compilerOptions: ['-DX=1', '-O0'], commandLineArguments: ['a b', 'c'] });
    expect(l.compile!('main.c')).toEqual(['/usr/bin/gcc', '-o', 'main', 'main.c', '-DX=1', '-O0']);
    expect(l.compile!('main.c', '', ['main.c', 'util.c'])).toEqual(['/usr/bin/gcc', '-o', 'main', 'main.c', 'util.c', '-DX=1', '-O0']);
    expect(l.run('main.c', 1024)).toEqual(['/prog/main', 'a b', 'c']);
  });

  it('runs through sh, which execs the program with stderr into stdout', () => {
    const l = withRunOptions(c, { redirectStderrToStdout: true, commandLineArguments: ['x'] });
    expect(l.run('main.c', 1024)).toEqual(['/bin/sh', '-c', 'exec "$@" 2>&1', 'sh', '/prog/main', 'x']);
  });

  it('keeps a language without a compile step without one', () => {
    const py: Language = { ...c, compile: undefined };
    expect(withRunOptions(py, { compilerOptions: ['-x'] }).compile).toBeUndefined();
  });

  it('copies the program folder into the working folder first when asked', () => {
    const l = withRunOptions(c, { copyProgramToWorkDir: true, redirectStderrToStdout: true });
    expect(l.run('main.c', 1024)).toEqual(['/bin/sh', '-c', 'cp -R /prog/. /box/ || exit 127; exec "$@" 2>&1', 'sh', '/prog/main']);
  });

  it('runs the submission\'s own commands instead of the language\'s (with the copy), compiler options after them', () => {
    const l = withRunOptions({ ...c, lazyCompileCheck: { looksLike: () => true, confirm: () => [] } }, {
      commands: { compile: ['/bin/bash', './compile'], run: ['/bin/bash', './run'] }, commandLineArguments: ['x'],
    });
    expect(l.compile!('main.c')).toEqual(['/bin/bash', './compile']);
    expect(l.run('main.c', 1024)).toEqual(['/bin/sh', '-c', 'cp -R /prog/. /box/ || exit 127; exec "$@"', 'sh', '/bin/bash', './run', 'x']);
    expect(l.lazyCompileCheck).toBeUndefined();
    expect(withRunOptions(c, { commands: { run: ['/bin/bash', './run'] } }).compile).toBeUndefined();
  });
});
