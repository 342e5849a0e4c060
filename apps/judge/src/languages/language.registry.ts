import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppConfig } from '@app/config';
import { DEFAULT_MEMORY_LIMIT_KB, LanguageId, LanguageInfo, Limits, RunOptions } from '@app/contracts';
import { ProcessRunner } from '../process/process-runner';
import { Mount, RunLimits } from '../sandbox/sandbox.types';
import { analyzeJava } from './java-source';

/** Inside a run box the compiled program's folder is mounted read-only here. */
export const PROGRAM_DIR = '/prog';

/** Where the Node.js preload is mounted in a box. */
const NODE_PRELOAD = '/opt/oj/node-preload.js';
/**
 * Node writes to a pipe or socket asynchronously and queues what the reader has not taken yet in
 * the program's own memory: a program printing 15 MB would be MLE, and an endless printer MLE
 * instead of OLE. Blocking stdout and stderr make Node wait like every other language does.
 */
const NODE_PRELOAD_SOURCE = `for (const s of [process.stdout, process.stderr]) if (s._handle && s._handle.setBlocking) s._handle.setBlocking(true);\n`;

/** How one language is compiled and run. Commands are argv arrays run inside the sandbox. */
export interface Language extends Omit<LanguageInfo, 'compileCommand' | 'runCommand' | 'timeMultiplier'> {
  /** File the source is saved as, from the source itself (Java: the public class's name). */
  sourceFile(source: string): string;
  /**
   * Compile (or syntax-check) in /box; absent for none. The folder then becomes PROGRAM_DIR.
   * `source` is the entry file's text (Java and Kotlin find their entry point in it). For a
   * program of several files, `sources` lists the language's source files among them (the entry
   * first): compilers that build a program from several files (gcc, g++, javac, kotlinc, scalac,
   * mcs, go build, erlc, ocamlopt) take them all; the others follow the entry's imports themselves.
   */
  compile?(file: string, source?: string, sources?: string[]): string[];
  /** Run the program; `memoryKb` is the run's memory limit (KiB), `source` the program's text. */
  run(file: string, memoryKb: number, source?: string): string[];
  /** CPU and wall time limits of a run are multiplied by this (default 1); see LanguageInfo. */
  timeMultiplier?: number;
  /** Compilation limits over the judge's defaults (JVM compilers: more time and threads). */
  compileLimits?: Partial<RunLimits>;
  /** Toolchain folders outside /usr the box needs (read-only). */
  mounts: Mount[];
  env: Record<string, string>;
  /**
   * For interpreted languages without a compile step: a syntax error stops the program before
   * it runs any of its code, so the first run shows it whatever the input; that saves a sandbox
   * run per submission. `looksLike` spots one in a failed first run's stderr; since the program
   * could print that itself, `confirm` (run in a box, with the program at PROGRAM_DIR) must then
   * fail too before the submission is CE. `confirm` gets the entry file and the run's stderr
   * (a syntax error in a module of a program of several files is checked in that module).
   */
  lazyCompileCheck?: { looksLike(stderr: string): boolean; confirm(file: string, stderr?: string): string[] };
  /** Text on stderr that means the program ran out of memory (JVM, Python, C++ bad_alloc, GHC, BEAM, ...). */
  outOfMemory?: RegExp;
}

interface Toolchain {
  /** Real path of the main binary. */
  bin: string;
  version: string;
}

/**
 * Toolchain probes (`which`, `version`, a shell line's output) over the judge's process runner.
 * `timeoutMs`: how long one probe may take (a JVM's `-version` is seconds on a slow machine).
 */
function probes(processes: ProcessRunner, timeoutMs: number) {
  const which = (cmd: string, preferred: string[] = []): string | null => {
    for (const p of preferred) if (existsSync(p)) return realpathSync(p);
    const r = processes.runSync('sh', ['-c', `command -v ${cmd}`]);
    const path = r.stdout.trim();
    return r.status === 0 && path ? realpathSync(path) : null;
  };
  const version = (bin: string, args: string[], pattern: RegExp): string | null => {
    const r = processes.runSync(bin, args, { timeoutMs });
    const m = pattern.exec(`${r.stdout}\n${r.stderr}`);
    return r.status === 0 && m ? m[1] : null;
  };
  /** Trimmed stdout of a shell line, or null when it fails. */
  const sh = (line: string): string | null => {
    const r = processes.runSync('sh', ['-c', line], { timeoutMs });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  return { which, version, sh };
}

/** Mounts for a toolchain installed outside /usr (pyenv, rustup): its prefix at the same path. */
function prefixMounts(prefix: string): Mount[] {
  return prefix === '/usr' || prefix.startsWith('/usr/') ? [] : [{ source: prefix, target: prefix }];
}

/** `argv` as a shell would show it, for `compileCommand` / `runCommand`. */
export function commandLine(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** What `languages.list` shows of a language: its commands for a typical source and the default memory limit. */
export function toLanguageInfo(l: Language): LanguageInfo {
  const file = l.sourceFile('');
  return {
    id: l.id, name: l.name, version: l.version,
    compileCommand: l.compile ? commandLine(l.compile(file, '')) : null,
    runCommand: commandLine(l.run(file, DEFAULT_MEMORY_LIMIT_KB, '')),
    timeMultiplier: l.timeMultiplier ?? 1,
  };
}

/** A run's limits for `language`: CPU and wall time times its multiplier. */
export function limitsFor(language: Language, limits: Limits): Limits {
  const k = language.timeMultiplier ?? 1;
  return k === 1 ? limits : { ...limits, timeLimitMs: Math.round(limits.timeLimitMs * k), wallTimeLimitMs: Math.round(limits.wallTimeLimitMs * k) };
}

/**
 * `language` with a submission's run options applied: `compilerOptions` after its compile
 * command's arguments, `commandLineArguments` after its run command's, and with
 * `redirectStderrToStdout` the run goes through `sh -c 'exec "$@" 2>&1'` (the program replaces
 * the shell: same process, same limits, both streams in one pipe in the order written); with
 * `copyProgramToWorkDir` that shell first copies the program folder into `/box`; `commands`
 * replace the language's compile and run commands (and then imply the copy).
 * The compile cache keys on the command, so other compiler options compile anew.
 */
export function withRunOptions(language: Language, options: RunOptions | null | undefined): Language {
  if (!options) return language;
  const compilerOptions = options.compilerOptions ?? [];
  const args = options.commandLineArguments ?? [];
  const own = options.commands;
  const compile = own ? (own.compile && (() => own.compile!)) : language.compile;
  const run = own ? () => own.run : language.run;
  // One shell at most, which execs the program: same process, same limits.
  const prelude = [
    ...(options.copyProgramToWorkDir || own ? [`cp -R ${PROGRAM_DIR}/. /box/ || exit 127`] : []),
    `exec "$@"${options.redirectStderrToStdout ? ' 2>&1' : ''}`,
  ];
  return {
    ...language,
    compile: compile && compilerOptions.length ? (f, src, sources) => [...compile(f, src, sources), ...compilerOptions] : compile,
    // A language's lazy syntax check does not apply to commands of the submission's own.
    lazyCompileCheck: own ? undefined : language.lazyCompileCheck,
    run: (f, memoryKb, src) => {
      const argv = [...run(f, memoryKb, src), ...args];
      return prelude.length > 1 || options.redirectStderrToStdout ? ['/bin/sh', '-c', prelude.join('; '), 'sh', ...argv] : argv;
    },
  };
}

/**
 * Runs `argv` (a compiler) and, when it succeeds, fails anyway with `message` on stderr: for a
 * program that compiles but has no entry point, which is a compilation error, not a crash.
 */
function compileThenFail(argv: string[], message: string): string[] {
  return ['/bin/sh', '-c', 'm=$1; shift; "$@" || exit; printf "%s\\n" "$m" >&2; exit 1', 'sh', message, ...argv];
}

/** Erlang/OTP's full version (`25.2.3`) from `<root>/releases/<major>/OTP_VERSION`, or null. */
function otpVersion(root: string): string | null {
  const releases = join(root, 'releases');
  const major = existsSync(releases) ? readdirSync(releases).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  return major ? fileMatch(join(releases, major, 'OTP_VERSION'), /^(\S+)/) : null;
}

/** The first group of `pattern` in a file's text, or null when the file or the match is missing. */
function fileMatch(path: string, pattern: RegExp): string | null {
  try {
    return pattern.exec(readFileSync(path, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Where the pinned TypeScript compiler is mounted in a box. */
const TYPESCRIPT_DIR = '/opt/oj/typescript';

/**
 * The TypeScript compiler submissions are compiled with: the npm package `typescript-judge` (an
 * alias of `typescript`, pinned in package.json apart from the TypeScript that builds the judge),
 * found from the working folder the judge was started in.
 */
function typescriptCompiler(): { dir: string; version: string } | null {
  try {
    const pkg = createRequire(join(process.cwd(), 'package.json')).resolve('typescript-judge/package.json');
    const version = JSON.parse(readFileSync(pkg, 'utf8')).version as string;
    return existsSync(join(dirname(pkg), 'lib/tsc.js')) ? { dir: realpathSync(dirname(pkg)), version } : null;
  } catch {
    return null;
  }
}

/** Upstream version of an installed Debian package (`1.3.31+ds1-1` → `1.3.31`), or null. */
function debianVersion(sh: (line: string) => string | null, pkg: string): string | null {
  const out = sh(`dpkg-query -W -f '\${Version}' ${pkg}`);
  const m = out === null ? null : /^(?:\d+:)?([\d.]+)/.exec(out);
  return m ? m[1] : null;
}

/** Host folders or files a toolchain reads outside /usr (configuration in /etc, GHC's package database), bound read-only at the same path (links resolved). */
function hostMounts(...paths: string[]): Mount[] {
  return paths.filter((p) => existsSync(p)).map((p) => ({ source: realpathSync(p), target: p }));
}

/** JVM flags of every run: a heap of 80% of the limit (code, metaspace and stacks need the rest), one GC thread. */
function jvmRunFlags(memoryKb: number): string[] {
  return ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss64m', `-Xmx${Math.max(16384, Math.floor(memoryKb * 0.8))}k`, '-XX:ActiveProcessorCount=1'];
}

/** JVM flags of a compiler (kotlinc, scalac run as plain Java programs): inside the 1 GiB compile limit. */
const JVM_COMPILER_FLAGS = ['-Xmx640m', '-Xss32m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:ActiveProcessorCount=2', '-Xshare:auto'];

/** Compile limits for JVM-hosted compilers: several seconds of CPU even for hello world, and many threads. */
const JVM_COMPILE_LIMITS: Partial<RunLimits> = { cpuMs: 60000, wallMs: 90000, processes: 256 };

/** `java.lang.OutOfMemoryError`, except "unable to create native thread": that is the process limit, not memory. */
const JVM_OUT_OF_MEMORY = /java\.lang\.OutOfMemoryError(?!: unable to create native thread)/;

/** The BEAM: one scheduler of each kind, no busy waiting (it would count as CPU time), no crash dump. */
const BEAM_FLAGS = ['+S', '1:1', '+SDcpu', '1:1', '+SDio', '1', '+A', '1', '+sbwt', 'none', '+sbwtdcpu', 'none', '+sbwtdio', 'none'];
const BEAM_ENV = { ERL_CRASH_DUMP_BYTES: '0', ERL_CRASH_DUMP: '/dev/null' };
/** What the BEAM prints when an allocation fails. */
const BEAM_OUT_OF_MEMORY = /Cannot allocate \d+ bytes of memory|eheap_alloc: Cannot allocate/;

/**
 * The file of the syntax error a Python interpreter reported, or null when stderr is not such a
 * report: its last line is a `SyntaxError` / `IndentationError` / `TabError` and its last frame
 * `File "…", line N` (a syntax error's frame, without ", in …"). Without a traceback the file is
 * the entry; with one (an `import`), it must be one of the program's own `.py` files under
 * PROGRAM_DIR: bad text given to `exec` or `compile` is the program's runtime error.
 */
export function pythonSyntaxErrorFile(stderr: string): string | null {
  const lines = stderr.replace(/\s+$/, '').split('\n');
  if (!/^(SyntaxError|IndentationError|TabError): /.test(lines[lines.length - 1] ?? '')) return null;
  const frames = lines.filter((l) => l.startsWith('  File "'));
  const m = /^ {2}File "([^"]+)", line \d+$/.exec(frames[frames.length - 1] ?? '');
  if (!m) return null;
  if (!stderr.startsWith('Traceback')) return m[1];
  return m[1].startsWith(`${PROGRAM_DIR}/`) && m[1].endsWith('.py') && !m[1].includes('/../') ? m[1] : null;
}

/** A Python interpreter (CPython or PyPy): compile errors found lazily, see `lazyCompileCheck`. */
function python(bin: string, env: Record<string, string>): Pick<Language, 'sourceFile' | 'lazyCompileCheck' | 'run' | 'outOfMemory' | 'env'> {
  return {
    env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8', ...env },
    sourceFile: () => 'main.py',
    // Python reports a compile error of the entry with no traceback, before running anything; of
    // a module it imports (several files), with a traceback ending in that module's syntax error.
    lazyCompileCheck: {
      looksLike: (stderr) => pythonSyntaxErrorFile(stderr) !== null,
      confirm: (f, stderr = '') => [bin, '-c', 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")', pythonSyntaxErrorFile(stderr) ?? `${PROGRAM_DIR}/${f}`],
    },
    run: (f) => [bin, `${PROGRAM_DIR}/${f}`],
    outOfMemory: /\bMemoryError\b/,
  };
}

/** `package a.b` at the top of a Kotlin or Scala source, as a class-name prefix (`a.b.`). */
function jvmPackagePrefix(source: string): string {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
  const pkg = /^\s*package\s+([\w.]+)/.exec(code)?.[1];
  return pkg ? `${pkg}.` : '';
}

/** The Scala object holding `def main` (or extending `App`), else `Main`. */
function scalaMainObject(source: string): string {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"/g, ' ');
  const objects = [...code.matchAll(/\bobject\s+([\p{L}_$][\p{L}\p{N}_$]*)/gu)];
  const withMain = objects.find((o, i) => {
    const body = code.slice(o.index, objects[i + 1]?.index ?? code.length);
    return /\bextends\s+App\b|\bdef\s+main\s*\(/.test(body);
  });
  return jvmPackagePrefix(source) + (withMain?.[1] ?? 'Main');
}

/** The class Kotlin makes of a file's top-level functions: `main.kt` → `MainKt`, `lib/my-io.kt` → `My_ioKt`. */
function kotlinFileClass(file: string): string {
  const base = file.replace(/^.*\//, '').replace(/\.kt$/, '').replace(/[^\p{L}\p{N}_$]/gu, '_');
  return `${base.charAt(0).toUpperCase()}${base.slice(1)}Kt`;
}

/** Erlang's module name from `-module(name).`: the file must be named after it. */
function erlangModule(source: string): string {
  return /^\s*-\s*module\s*\(\s*([a-z][\w@]*)\s*\)/m.exec(source.replace(/%[^\n]*/g, ''))?.[1] ?? 'main';
}

/**
 * The one place that knows each language's commands. At start (`onModuleInit`) it looks for
 * every toolchain, asks its version, and keeps the languages it found; `list()` is what
 * `languages.list` answers.
 * Toolchains: gcc/g++ (C99–C23, C++11–C++23), CPython 3 and PyPy 3, Node.js (JavaScript, and
 * TypeScript through the pinned `typescript-judge` package), OpenJDK 17+ (Java, Kotlin and Scala
 * on it), Rust, Go, Mono (C#), GHC, OCaml, Free Pascal, Ruby, PHP, Perl, Lua 5.4, Bash, Racket,
 * Erlang/OTP and Elixir; the Debian packages are listed in scripts/setup-languages.sh.
 */
@Injectable()
export class LanguageRegistry implements OnModuleInit {
  private readonly logger = new Logger(LanguageRegistry.name);
  private readonly languages = new Map<LanguageId, Language>();

  /** Host path of the Node.js preload (see NODE_PRELOAD_SOURCE). */
  private nodePreload: string;

  constructor(
    private readonly config: AppConfig,
    private readonly processes: ProcessRunner,
  ) {}

  /** Writes the runtime files the boxes mount and detects the toolchains (synchronously). */
  onModuleInit(): void {
    const runtime = join(this.config.judgeWorkDir, 'runtime');
    mkdirSync(runtime, { recursive: true, mode: 0o755 });
    this.nodePreload = join(runtime, 'node-preload.js');
    writeFileSync(this.nodePreload, NODE_PRELOAD_SOURCE, { mode: 0o644 });
    for (const lang of this.detect()) this.languages.set(lang.id, lang);
    this.logger.log(`languages: ${[...this.languages.values()].map((l) => `${l.id} ${l.version}`).join(', ')}`);
  }

  get(id: LanguageId): Language | undefined {
    return this.languages.get(id);
  }

  list(): LanguageInfo[] {
    return [...this.languages.values()].map(toLanguageInfo);
  }

  private detect(): Language[] {
    // A probe runs a toolchain as a compilation does: it gets at least the compile time limit
    // (scaled where everything is slow, e.g. an emulated guest).
    const { which, version, sh } = probes(this.processes, Math.max(20000, this.config.judgeCompileTimeLimitMs));
    const found: Language[] = [];
    const add = (tc: Toolchain | null, make: (tc: Toolchain) => Language) => {
      if (tc) found.push(make(tc));
    };
    const tool = (cmd: string, args: string[], pattern: RegExp, preferred: string[] = []): Toolchain | null => {
      const bin = which(cmd, preferred);
      const v = bin && version(bin, args, pattern);
      return bin && v ? { bin, version: v } : null;
    };

    const gcc = tool('gcc', ['-dumpfullversion'], /^(\S+)/);
    // `c` and `cpp` keep their standards (C11, C++17); the numbered ids pick one. GCC 12 knows
    // C23 as gnu2x.
    const cStandards: [LanguageId, string, string][] = [['c', 'C11', 'gnu11'], ['c99', 'C99', 'gnu99'], ['c11', 'C11', 'gnu11'], ['c17', 'C17', 'gnu17'], ['c23', 'C23', 'gnu2x']];
    for (const [id, label, std] of cStandards) {
      add(gcc, (tc) => ({
        id, name: `${label} (gcc -O2${id === 'c' ? '' : ` -std=${std}`})`, version: tc.version, mounts: [], env: {},
        sourceFile: () => 'main.c',
        compile: (f, _src, sources = [f]) => [tc.bin, '-O2', `-std=${std}`, '-pipe', '-o', 'main', ...sources, '-lm'],
        run: () => [`${PROGRAM_DIR}/main`],
      }));
    }
    const gxx = tool('g++', ['-dumpfullversion'], /^(\S+)/);
    const cppStandards: [LanguageId, string, string][] = [['cpp', 'C++17', 'gnu++17'], ['cpp11', 'C++11', 'gnu++11'], ['cpp14', 'C++14', 'gnu++14'], ['cpp17', 'C++17', 'gnu++17'], ['cpp20', 'C++20', 'gnu++20'], ['cpp23', 'C++23', 'gnu++23']];
    for (const [id, label, std] of cppStandards) {
      add(gxx, (tc) => ({
        id, name: `${label} (g++ -O2${id === 'cpp' ? '' : ` -std=${std}`})`, version: tc.version, mounts: [], env: {},
        sourceFile: () => 'main.cpp',
        compile: (f, _src, sources = [f]) => [tc.bin, '-O2', `-std=${std}`, '-pipe', '-o', 'main', ...sources, '-lm'],
        run: () => [`${PROGRAM_DIR}/main`],
        outOfMemory: /std::bad_alloc/,
      }));
    }
    // Debian's own python3 first: a pyenv shim costs ~100 ms a start.
    add(tool('python3', ['--version'], /Python (\S+)/, ['/usr/bin/python3']), (tc) => ({
      id: 'python3', name: 'Python 3', version: tc.version, mounts: prefixMounts(dirname(dirname(tc.bin))), ...python(tc.bin, {}),
    }));
    add(tool('pypy3', ['--version'], /\[PyPy (\S+)/, ['/usr/bin/pypy3']), (tc) => ({
      id: 'pypy3', name: 'Python 3 (PyPy)', version: tc.version, mounts: prefixMounts(dirname(dirname(tc.bin))), ...python(tc.bin, {}),
    }));
    const node = tool('node', ['--version'], /v(\S+)/, ['/usr/bin/node']);
    const nodeRun = (bin: string) => (f: string, memoryKb: number) =>
      [bin, `--max-old-space-size=${Math.max(16, Math.floor(memoryKb / 1024))}`, '--stack-size=65500', '-r', NODE_PRELOAD, `${PROGRAM_DIR}/${f}`];
    add(node, (tc) => ({
      id: 'javascript', name: 'JavaScript (Node.js)', version: tc.version, env: {},
      mounts: [...prefixMounts(dirname(dirname(tc.bin))), { source: this.nodePreload, target: NODE_PRELOAD }],
      sourceFile: () => 'main.js',
      compile: (f) => [tc.bin, '--check', f],
      run: nodeRun(tc.bin),
      outOfMemory: /JavaScript heap out of memory|Allocation failed/,
    }));
    // The project's own pinned TypeScript (package.json `typescript-judge`), not the one that builds the judge.
    const tsc = node ? typescriptCompiler() : null;
    add(node && tsc ? node : null, (tc) => ({
      id: 'typescript', name: `TypeScript ${tsc!.version} (tsc --noCheck, Node.js ${tc.version})`, version: tsc!.version, env: {},
      mounts: [...prefixMounts(dirname(dirname(tc.bin))), { source: this.nodePreload, target: NODE_PRELOAD }, { source: tsc!.dir, target: TYPESCRIPT_DIR }],
      sourceFile: () => 'main.ts',
      // Transpiled, not type-checked: syntax errors are CE, types are the programmer's business
      // (as with ts-node --transpile-only); checking would also need @types/node in the box.
      compile: (f) => [tc.bin, `${TYPESCRIPT_DIR}/lib/tsc.js`, '--noCheck', '--target', 'es2022', '--module', 'commonjs', '--rootDir', '.', '--outDir', '.', '--pretty', 'false', f],
      run: (f, memoryKb) => nodeRun(tc.bin)(f.replace(/\.ts$/, '.js'), memoryKb),
      outOfMemory: /JavaScript heap out of memory|Allocation failed/,
    }));
    const javac = tool('javac', ['-version'], /javac (\S+)/);
    const java = javac && tool('java', ['-version'], /version "([^"]+)"/, [`${dirname(javac.bin)}/java`]);
    // Debian's JDK links its conf/ into /etc/java-<n>-openjdk.
    const javaEtc = existsSync('/etc') ? readdirSync('/etc').filter((d) => d.startsWith('java')).map((d) => ({ source: `/etc/${d}`, target: `/etc/${d}` })) : [];
    const javaMounts = javac ? [...prefixMounts(dirname(dirname(javac.bin))), ...javaEtc] : [];
    add(javac && java ? javac : null, (tc) => ({
      id: 'java', name: 'Java (OpenJDK)', version: java!.version, mounts: javaMounts, env: {},
      sourceFile: (src) => analyzeJava(src).file,
      compile: (f, src = '', sources = [f]) => {
        const argv = [tc.bin, '-J-XX:+UseSerialGC', '-J-Xss64m', '-J-XX:TieredStopAtLevel=1', '-J-Xshare:auto', '-encoding', 'UTF-8', '-d', '.', ...sources];
        return !src || analyzeJava(src).mainClass ? argv : compileThenFail(argv, 'error: no class declares a main method (public static void main(String[] args)): nothing to run');
      },
      run: (f, memoryKb, src = '') => [java!.bin, ...jvmRunFlags(memoryKb), '-cp', PROGRAM_DIR, (src && analyzeJava(src).mainClass) || f.replace(/\.java$/, '')],
      outOfMemory: JVM_OUT_OF_MEMORY,
    }));
    const kotlinHome = '/usr/share/kotlin/kotlinc';
    const kotlinVersion = java && existsSync(`${kotlinHome}/lib/kotlin-compiler.jar`) ? debianVersion(sh, 'kotlin') : null;
    add(kotlinVersion ? java : null, (jtc) => ({
      id: 'kotlin', name: 'Kotlin (JVM)', version: kotlinVersion!, mounts: javaMounts, env: {},
      timeMultiplier: 1.5, compileLimits: JVM_COMPILE_LIMITS,
      sourceFile: () => 'main.kt',
      compile: (f, src = '', sources = [f]) => {
        const argv = [jtc.bin, ...JVM_COMPILER_FLAGS, `-Dkotlin.home=${kotlinHome}`, '-cp', `${kotlinHome}/lib/kotlin-preloader.jar`, 'org.jetbrains.kotlin.preloading.Preloader',
          '-cp', `${kotlinHome}/lib/kotlin-compiler.jar`, 'org.jetbrains.kotlin.cli.jvm.K2JVMCompiler', '-nowarn', '-d', '.', ...sources];
        const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"/g, ' ');
        return !src || /(?:^|\n)\s*fun\s+main\s*\(/.test(code) ? argv : compileThenFail(argv, 'error: no top-level fun main(): nothing to run');
      },
      run: (f, memoryKb, src = '') => [jtc.bin, ...jvmRunFlags(memoryKb), '-cp', `${PROGRAM_DIR}:${kotlinHome}/lib/kotlin-stdlib.jar`, `${jvmPackagePrefix(src)}${kotlinFileClass(f)}`],
      outOfMemory: JVM_OUT_OF_MEMORY,
    }));
    const scalaHome = '/usr/share/scala-2.11';
    const scalaVersion = java && existsSync(`${scalaHome}/lib/scala-compiler.jar`) ? debianVersion(sh, 'scala') : null;
    add(scalaVersion ? java : null, (jtc) => ({
      id: 'scala', name: 'Scala 2 (JVM)', version: scalaVersion!, mounts: javaMounts, env: {},
      timeMultiplier: 2, compileLimits: JVM_COMPILE_LIMITS,
      sourceFile: () => 'main.scala',
      compile: (f, _src, sources = [f]) => [jtc.bin, ...JVM_COMPILER_FLAGS, '-Dscala.usejavacp=true',
        '-cp', ['scala-compiler', 'scala-library', 'scala-reflect'].map((j) => `${scalaHome}/lib/${j}.jar`).join(':'), 'scala.tools.nsc.Main', '-nowarn', '-d', '.', ...sources],
      run: (f, memoryKb, src = '') => [jtc.bin, ...jvmRunFlags(memoryKb), '-cp', `${PROGRAM_DIR}:${scalaHome}/lib/scala-library.jar`, scalaMainObject(src)],
      outOfMemory: JVM_OUT_OF_MEMORY,
    }));
    // Through PATH, not realpath: rustup's proxy binary decides the toolchain by its own name.
    const sysroot = sh('rustc --print sysroot');
    const rust = sysroot ? tool('rustc', ['--version'], /^rustc (\d\S*)/m, [`${sysroot}/bin/rustc`]) : null;
    // /usr/bin/cc is an /etc/alternatives link, which the box does not have.
    const linker = which('cc') ?? which('gcc');
    add(rust && linker ? rust : null, (tc) => ({
      id: 'rust', name: 'Rust 2021 (rustc -O)', version: tc.version, mounts: prefixMounts(sysroot!), env: {},
      sourceFile: () => 'main.rs',
      compile: (f) => [tc.bin, '-O', '--edition', '2021', '-C', `linker=${linker}`, '-o', 'main', f],
      run: () => [`${PROGRAM_DIR}/main`],
    }));
    add(tool('go', ['version'], /go version go(\S+)/, ['/usr/bin/go']), (tc) => ({
      id: 'go', name: 'Go', version: tc.version, mounts: prefixMounts(dirname(dirname(tc.bin))),
      // A build cache and GOPATH in the box's own /tmp; no cgo (no C toolchain calls); the
      // runtime gets one P (GOMAXPROCS) like the other languages get one CPU.
      env: { GOROOT: dirname(dirname(tc.bin)), GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GO111MODULE: 'off', CGO_ENABLED: '0', GOMAXPROCS: '1' },
      sourceFile: () => 'main.go',
      compile: (f, _src, sources = [f]) => [tc.bin, 'build', '-o', 'main', ...sources],
      run: () => [`${PROGRAM_DIR}/main`],
      outOfMemory: /fatal error: runtime: out of memory|runtime: cannot allocate memory/,
    }));
    const mono = tool('mono', ['--version'], /version (\S+)/, ['/usr/bin/mono']);
    const mcs = '/usr/lib/mono/4.5/mcs.exe';
    add(mono && existsSync(mcs) ? mono : null, (tc) => ({
      id: 'csharp', name: 'C# (Mono)', version: tc.version, mounts: hostMounts('/etc/mono'), env: { MONO_ENV_OPTIONS: '' },
      timeMultiplier: 1.5,
      sourceFile: () => 'main.cs',
      compile: (f, _src, sources = [f]) => [tc.bin, mcs, '-optimize+', '-nologo', '-out:main.exe', ...sources],
      // The managed heap gets 80% of the limit, as the JVM's does (a multiple of 4 KiB, as sgen wants).
      run: (_f, memoryKb) => [tc.bin, `--gc-params=max-heap-size=${Math.max(4096, Math.floor(memoryKb * 0.2)) * 4}k`, `${PROGRAM_DIR}/main.exe`],
      outOfMemory: /System\.OutOfMemoryException|Out of memory/,
    }));
    add(tool('ghc', ['--numeric-version'], /^(\S+)/, ['/usr/bin/ghc']), (tc) => ({
      // Debian keeps GHC's package database in /var/lib/ghc (linked from /usr/lib/ghc).
      id: 'haskell', name: 'Haskell (GHC -O2)', version: tc.version, mounts: hostMounts('/var/lib/ghc'), env: {},
      sourceFile: () => 'main.hs',
      compile: (f) => [tc.bin, '-O2', '-rtsopts', '-outputdir', '/tmp/ghc', '-o', 'main', f],
      // The RTS: a heap cap of 80% of the limit (-M), so running out is "Heap exhausted", not a kill.
      run: (_f, memoryKb) => [`${PROGRAM_DIR}/main`, '+RTS', `-M${Math.max(4096, Math.floor(memoryKb * 0.8))}k`, `-K${memoryKb}k`, '-RTS'],
      outOfMemory: /Heap exhausted|out of memory/,
    }));
    add(tool('ocamlopt', ['-version'], /^(\S+)/, ['/usr/bin/ocamlopt']), (tc) => ({
      id: 'ocaml', name: 'OCaml (ocamlopt)', version: tc.version, mounts: [], env: {},
      sourceFile: () => 'main.ml',
      // ocamlopt links modules in the order given: the others (sorted by path) first, the entry last.
      compile: (f, _src, sources = [f]) => [tc.bin, '-o', 'main', ...sources.slice(1), sources[0]],
      run: () => [`${PROGRAM_DIR}/main`],
      outOfMemory: /exception Out_of_memory|Fatal error: out of memory/,
    }));
    // fpc finds its compiler through /usr/bin/ppcx64, an /etc/alternatives link: call the compiler itself.
    const ppc = which('ppcx64');
    add(ppc ? tool('fpc', ['-iV'], /^(\S+)/, ['/usr/bin/fpc']) : null, (tc) => ({
      id: 'pascal', name: 'Pascal (Free Pascal -O2)', version: tc.version, mounts: hostMounts('/etc/fpc.cfg', `/etc/fpc-${tc.version}.cfg`), env: {},
      sourceFile: () => 'main.pas',
      compile: (f) => [ppc!, '-O2', '-XS', '-v0ew', '-omain', f],
      run: () => [`${PROGRAM_DIR}/main`],
      outOfMemory: /Runtime error 203/,
    }));
    add(tool('ruby', ['--version'], /ruby (\d[\d.]*)/, ['/usr/bin/ruby']), (tc) => ({
      id: 'ruby', name: 'Ruby', version: tc.version, mounts: [], env: {},
      sourceFile: () => 'main.rb',
      compile: (f) => [tc.bin, '-c', f],
      run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
      outOfMemory: /NoMemoryError|failed to allocate memory/,
    }));
    add(tool('php', ['--version'], /PHP (\S+)/, ['/usr/bin/php']), (tc) => ({
      id: 'php', name: 'PHP (CLI)', version: tc.version, mounts: hostMounts('/etc/php'), env: {},
      sourceFile: () => 'main.php',
      compile: (f) => [tc.bin, '-l', f],
      // PHP's own allocator limit at the box's: running out is "Allowed memory size … exhausted".
      run: (f, memoryKb) => [tc.bin, '-d', `memory_limit=${memoryKb}K`, '-d', 'display_errors=stderr', `${PROGRAM_DIR}/${f}`],
      outOfMemory: /Allowed memory size of \d+ bytes exhausted|Out of memory/,
    }));
    add(tool('perl', ['-e', 'print $^V'], /v(\S+)/, ['/usr/bin/perl']), (tc) => ({
      id: 'perl', name: 'Perl 5', version: tc.version, mounts: [], env: { PERL5LIB: PROGRAM_DIR },
      sourceFile: () => 'main.pl',
      // -I.: the program's own modules (several files) are found while checking, as PERL5LIB finds them at run time.
      compile: (f) => [tc.bin, '-I.', '-c', f],
      run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
      outOfMemory: /^Out of memory/m,
    }));
    const luac = which('luac5.4', ['/usr/bin/luac5.4']);
    add(luac ? tool('lua5.4', ['-v'], /Lua (\S+)/, ['/usr/bin/lua5.4']) : null, (tc) => ({
      // `require "util"` finds the program's own modules (several files) in its folder.
      id: 'lua', name: 'Lua', version: tc.version, mounts: [], env: { LUA_PATH: `${PROGRAM_DIR}/?.lua;${PROGRAM_DIR}/?/init.lua;;` },
      sourceFile: () => 'main.lua',
      compile: (f) => [luac!, '-p', f],
      run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
      outOfMemory: /not enough memory/,
    }));
    add(tool('bash', ['--version'], /version (\S+?)\(/, ['/usr/bin/bash']), (tc) => ({
      id: 'bash', name: 'Bash', version: tc.version, mounts: [], env: {},
      sourceFile: () => 'main.sh',
      compile: (f) => [tc.bin, '-n', f],
      run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
    }));
    add(tool('racket', ['--version'], /Racket v(\S+?)\.?(?:\s|\[|$)/, ['/usr/bin/racket']), (tc) => ({
      id: 'racket', name: 'Racket', version: tc.version, mounts: hostMounts('/etc/racket'), env: { PLT_CS_COMPILE_LIMIT: '0' },
      timeMultiplier: 1.5,
      sourceFile: () => 'main.rkt',
      // raco make compiles to compiled/main_rkt.zo beside the source; racket then loads that.
      compile: (f) => [tc.bin, '-N', 'raco', '-l-', 'raco/main.rkt', 'make', f],
      run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
      outOfMemory: /out of memory/,
    }));
    const erl = which('erl', ['/usr/bin/erl']);
    const erlc = which('erlc', ['/usr/bin/erlc']);
    const otp = erl ? otpVersion(dirname(dirname(erl))) : null;
    add(erl && erlc && otp ? { bin: erl, version: otp } : null, (tc) => ({
      id: 'erlang', name: 'Erlang/OTP', version: tc.version, mounts: [], env: BEAM_ENV,
      timeMultiplier: 1.5,
      sourceFile: (src) => `${erlangModule(src)}.erl`,
      compile: (f, _src, sources = [f]) => [erlc!, ...sources],
      // The module's main/0 runs (`-module(name).` with `-export([main/0]).`), then the VM halts
      // at once, flushing output (init:stop's orderly shutdown would add a second of wall time);
      // an exception is printed and exits 1.
      run: (f) => [tc.bin, ...BEAM_FLAGS, '-noshell', '-pa', PROGRAM_DIR, '-eval',
        `try ${f.replace(/^.*\//, '').replace(/\.erl$/, '')}:main() of _ -> halt(0) catch C:R:S -> io:format(standard_error, "~p: ~p~n~p~n", [C, R, S]), halt(1) end.`],
      outOfMemory: BEAM_OUT_OF_MEMORY,
    }));
    const elixirVersion = erl ? fileMatch('/usr/lib/elixir/lib/elixir/ebin/elixir.app', /\{vsn,\s*"([^"]+)"\}/) : null;
    const elixir = elixirVersion ? which('elixir', ['/usr/bin/elixir']) : null;
    add(elixir ? { bin: elixir, version: elixirVersion! } : null, (tc) => ({
      id: 'elixir', name: 'Elixir', version: tc.version, mounts: [], env: { ...BEAM_ENV, ELIXIR_ERL_OPTIONS: BEAM_FLAGS.join(' ') },
      timeMultiplier: 2,
      sourceFile: () => 'main.exs',
      // A script: Elixir reports a syntax error before running any of it (see lazyCompileCheck).
      lazyCompileCheck: {
        looksLike: (stderr) => /\*\* \((SyntaxError|TokenMissingError|MismatchedDelimiterError)\)/.test(stderr),
        confirm: (f) => [tc.bin, '-e', 'Code.string_to_quoted!(File.read!(hd(System.argv())))', `${PROGRAM_DIR}/${f}`],
      },
      run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
      outOfMemory: BEAM_OUT_OF_MEMORY,
    }));
    return found;
  }
}
