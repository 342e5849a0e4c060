import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_IDS, resolveLimits } from '@app/contracts';
import { commandLine, Language, limitsFor, toLanguageInfo } from './language.registry';

const language = (over: Partial<Language> = {}): Language => ({
  id: 'kotlin', name: 'Kotlin', version: '1.3.31', mounts: [], env: {},
  sourceFile: () => 'main.kt',
  compile: (f) => ['/usr/bin/java', '-cp', 'a b.jar', 'K2JVMCompiler', '-d', '.', f],
  run: (_f, memoryKb) => ['/usr/bin/java', `-Xmx${memoryKb}k`, 'MainKt'],
  ...over,
});

describe('language helpers', () => {
  it('a time multiplier scales the CPU and wall limits and nothing else', () => {
    const base = resolveLimits({ timeLimitMs: 1000, memoryLimitKb: 65536 });
    expect(limitsFor(language({ timeMultiplier: 2 }), base)).toEqual({ ...base, timeLimitMs: 2000, wallTimeLimitMs: 4000 });
    expect(limitsFor(language({ timeMultiplier: 1.5 }), base)).toEqual({ ...base, timeLimitMs: 1500, wallTimeLimitMs: 3000 });
    expect(limitsFor(language(), base)).toBe(base);
  });

  it('the listing shows the commands as a shell would, and multiplier 1 by default', () => {
    expect(toLanguageInfo(language({ timeMultiplier: 2 }))).toEqual({
      id: 'kotlin', name: 'Kotlin', version: '1.3.31',
      compileCommand: "/usr/bin/java -cp 'a b.jar' K2JVMCompiler -d . main.kt",
      runCommand: '/usr/bin/java -Xmx262144k MainKt',
      timeMultiplier: 2,
    });
    expect(toLanguageInfo(language({ compile: undefined })).compileCommand).toBeNull();
    expect(toLanguageInfo(language()).timeMultiplier).toBe(1);
    expect(commandLine(['sh', '-c', "echo 'x'; exit 1"])).toBe(`sh -c 'echo '\\''x'\\''; exit 1'`);
  });

  it('scripts/setup-languages.sh names packages for exactly the language ids of the API', () => {
    const script = readFileSync(join(__dirname, '../../../../scripts/setup-languages.sh'), 'utf8');
    const table = /LANGUAGES='\n([\s\S]*?)\n'/.exec(script)![1];
    const ids = table.split('\n').map((line) => line.split(/\s+/)).filter((f) => f.length >= 3).map((f) => f[0]);
    expect(ids.sort()).toEqual([...LANGUAGE_IDS].sort());
  });
});
