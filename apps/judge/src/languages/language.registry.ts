import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppConfig } from '@app/config';
import { LanguageId, LanguageInfo } from '@app/contracts';
import { ProcessRunner } from '../process/process-runner';
import { Mount } from '../sandbox/sandbox.types';

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
export interface Language extends LanguageInfo {
  /** File the source is saved as, from the source itself (Java: the public class's name). */
  sourceFile(source: string): string;
  /** Compile (or syntax-check) in /box; absent for none. The folder then becomes PROGRAM_DIR. */
  compile?(file: string): string[];
  /** Run the program; `memoryKb` is the run's memory limit. */
  run(file: string, memoryKb: number): string[];
  /** Toolchain folders outside /usr the box needs (read-only). */
  mounts: Mount[];
  env: Record<string, string>;
  /**
   * For interpreted languages without a compile step: a syntax error stops the program before
   * it runs any of its code, so the first run shows it whatever the input; that saves a sandbox
   * run per submission. `looksLike` spots one in a failed first run's stderr; since the program
   * could print that itself, `confirm` (run in a box, with the program at PROGRAM_DIR) must then
   * fail too before the submission is CE.
   */
  lazyCompileCheck?: { looksLike(stderr: string): boolean; confirm(file: string): string[] };
  /** Text on stderr that means the program ran out of memory (JVM, Python, C++ bad_alloc). */
  outOfMemory?: RegExp;
}

interface Toolchain {
  /** Real path of the main binary. */
  bin: string;
  version: string;
}

/** Toolchain probes (`which`, `version`, a shell line's output) over the judge's process runner. */
function probes(processes: ProcessRunner) {
  const which = (cmd: string, preferred: string[] = []): string | null => {
    for (const p of preferred) if (existsSync(p)) return realpathSync(p);
    const r = processes.runSync('sh', ['-c', `command -v ${cmd}`]);
    const path = r.stdout.trim();
    return r.status === 0 && path ? realpathSync(path) : null;
  };
  const version = (bin: string, args: string[], pattern: RegExp): string | null => {
    const r = processes.runSync(bin, args, { timeoutMs: 20000 });
    const m = pattern.exec(`${r.stdout}\n${r.stderr}`);
    return r.status === 0 && m ? m[1] : null;
  };
  /** Trimmed stdout of a shell line, or null when it fails. */
  const sh = (line: string): string | null => {
    const r = processes.runSync('sh', ['-c', line], { timeoutMs: 20000 });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  return { which, version, sh };
}

/** Mounts for a toolchain installed outside /usr (pyenv, rustup): its prefix at the same path. */
function prefixMounts(prefix: string): Mount[] {
  return prefix === '/usr' || prefix.startsWith('/usr/') ? [] : [{ source: prefix, target: prefix }];
}

function javaClassName(source: string): string {
  // The public class holding main; javac needs the file named after a public class.
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"/g, ' ');
  const publicClass = /(?:^|[\s;}])public\s+(?:final\s+|abstract\s+)*class\s+([\p{L}_$][\p{L}\p{N}_$]{0,199})(?![\p{L}\p{N}_$])/u.exec(code)?.[1];
  return publicClass ?? 'Main';
}

/**
 * The one place that knows each language's commands. At start (`onModuleInit`) it looks for
 * every toolchain, asks its version, and keeps the languages it found; `list()` is what
 * `languages.list` answers.
 * Sources: C11 and C++17 with `-O2` (gcc), CPython 3, Node.js, Java 17+ (OpenJDK), Rust 2021.
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
    return [...this.languages.values()].map(({ id, name, version }) => ({ id, name, version }));
  }

  private detect(): Language[] {
    const { which, version, sh } = probes(this.processes);
    const found: Language[] = [];
    const add = (tc: Toolchain | null, make: (tc: Toolchain) => Language) => {
      if (tc) found.push(make(tc));
    };
    const tool = (cmd: string, args: string[], pattern: RegExp, preferred: string[] = []): Toolchain | null => {
      const bin = which(cmd, preferred);
      const v = bin && version(bin, args, pattern);
      return bin && v ? { bin, version: v } : null;
    };

    add(tool('gcc', ['-dumpfullversion'], /^(\S+)/), (tc) => ({
      id: 'c', name: 'C11 (gcc -O2)', version: tc.version, mounts: [], env: {},
      sourceFile: () => 'main.c',
      compile: (f) => [tc.bin, '-O2', '-std=gnu11', '-pipe', '-o', 'main', f, '-lm'],
      run: () => [`${PROGRAM_DIR}/main`],
    }));
    add(tool('g++', ['-dumpfullversion'], /^(\S+)/), (tc) => ({
      id: 'cpp', name: 'C++17 (g++ -O2)', version: tc.version, mounts: [], env: {},
      sourceFile: () => 'main.cpp',
      compile: (f) => [tc.bin, '-O2', '-std=gnu++17', '-pipe', '-o', 'main', f, '-lm'],
      run: () => [`${PROGRAM_DIR}/main`],
      outOfMemory: /std::bad_alloc/,
    }));
    // Debian's own python3 first: a pyenv shim costs ~100 ms a start.
    add(tool('python3', ['--version'], /Python (\S+)/, ['/usr/bin/python3']), (tc) => {
      const prefix = dirname(dirname(tc.bin));
      return {
        id: 'python3', name: 'Python 3', version: tc.version, mounts: prefixMounts(prefix), env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
        sourceFile: () => 'main.py',
        // CPython reports a compile error with no traceback header, before running anything.
        lazyCompileCheck: {
          looksLike: (stderr) => !stderr.startsWith('Traceback') && /^ {2}File "[^"]+", line \d+\n[\s\S]*^(SyntaxError|IndentationError|TabError): /m.test(stderr),
          confirm: (f) => [tc.bin, '-c', 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")', `${PROGRAM_DIR}/${f}`],
        },
        run: (f) => [tc.bin, `${PROGRAM_DIR}/${f}`],
        outOfMemory: /\bMemoryError\b/,
      };
    });
    add(tool('node', ['--version'], /v(\S+)/, ['/usr/bin/node']), (tc) => ({
      id: 'javascript', name: 'JavaScript (Node.js)', version: tc.version, env: {},
      mounts: [...prefixMounts(dirname(dirname(tc.bin))), { source: this.nodePreload, target: NODE_PRELOAD }],
      sourceFile: () => 'main.js',
      compile: (f) => [tc.bin, '--check', f],
      run: (f, memoryKb) => [tc.bin, `--max-old-space-size=${Math.max(16, Math.floor(memoryKb / 1024))}`, '--stack-size=65500', '-r', NODE_PRELOAD, `${PROGRAM_DIR}/${f}`],
      outOfMemory: /JavaScript heap out of memory|Allocation failed/,
    }));
    const javac = tool('javac', ['-version'], /javac (\S+)/);
    const java = javac && tool('java', ['-version'], /version "([^"]+)"/, [`${dirname(javac.bin)}/java`]);
    add(javac && java ? javac : null, (tc) => {
      const home = dirname(dirname(tc.bin));
      // Debian's JDK links its conf/ into /etc/java-<n>-openjdk.
      const etc = existsSync('/etc') ? readdirSync('/etc').filter((d) => d.startsWith('java')).map((d) => ({ source: `/etc/${d}`, target: `/etc/${d}` })) : [];
      return {
        id: 'java', name: 'Java (OpenJDK)', version: java!.version, mounts: [...prefixMounts(home), ...etc], env: {},
        sourceFile: (src) => `${javaClassName(src)}.java`,
        compile: (f) => [tc.bin, '-J-XX:+UseSerialGC', '-J-Xss64m', '-J-XX:TieredStopAtLevel=1', '-J-Xshare:auto', '-encoding', 'UTF-8', '-d', '.', f],
        // The heap gets 80% of the limit: the JVM's own code, metaspace and stacks need the rest.
        run: (f, memoryKb) => [java!.bin, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss64m', `-Xmx${Math.max(16384, Math.floor(memoryKb * 0.8))}k`, '-XX:ActiveProcessorCount=1', '-cp', PROGRAM_DIR, f.replace(/\.java$/, '')],
        // Not "unable to create native thread": that is the process limit, not memory.
        outOfMemory: /java\.lang\.OutOfMemoryError(?!: unable to create native thread)/,
      };
    });
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
    return found;
  }
}
