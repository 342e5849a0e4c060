import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileBytes, SubmissionFile, submissionFilesProblem } from '@app/contracts';
import { analyzeJava } from '../languages/java-source';
import type { Language } from '../languages/language.registry';

/**
 * A submission of several files (DESIGN.md, "Submissions of several files") as the compile step
 * takes it: which file is the entry point, which files are the language's sources, and which
 * are not sources at all (object files and binaries: refused as CE).
 */

/** A program made of files that cannot be judged: the submission ends CE with this message. */
export class ProgramFilesError extends Error {}

/** Extensions (lower case, no dot) of each language's sources, keyed by the extension of its usual file name. */
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  cpp: ['cpp', 'cc', 'cxx', 'c++'], js: ['js', 'mjs', 'cjs'], ts: ['ts', 'mts', 'cts'], pas: ['pas', 'pp'], exs: ['exs', 'ex'], pl: ['pl', 'pm'],
};

/** The extensions of `language`'s source files. */
export function sourceExtensions(language: Language): string[] {
  const ext = extension(language.sourceFile(''));
  return SOURCE_EXTENSIONS[ext] ?? [ext];
}

function extension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Whether a source declares a program's entry (`main`), for languages where a program has exactly one; undefined for the others. */
function declaresMain(ext: string, text: string): boolean | undefined {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
  switch (ext) {
    case 'c': case 'cpp': case 'cc': case 'cxx': case 'c++': return /\bmain\s*\(/.test(code);
    case 'java': return analyzeJava(text).mainClass !== null;
    case 'go': return /\bfunc\s+main\s*\(/.test(code);
    case 'rs': return /\bfn\s+main\s*\(/.test(code);
    case 'kt': return /(?:^|\n)\s*fun\s+main\s*\(/.test(code);
    case 'scala': return /\bdef\s+main\s*\(|\bextends\s+App\b/.test(code);
    case 'cs': return /\bstatic\s+(?:async\s+)?\w+\s+Main\s*\(/.test(code);
    case 'hs': return /^main\s*(?:::|=)/m.test(text);
    // Scripts (Python, Ruby, JavaScript, …) have no entry of their own: their rule is the usual name.
    default: return undefined;
  }
}

/**
 * The file to run: `entryPoint` when given; else the language's rule (DESIGN.md): the one source
 * file of the language, else the one that declares `main` (languages where a program has one:
 * C, C++, Java, Go, Rust, Kotlin, Scala, C#, Haskell), else its usual name at the top
 * (`main.py`, `Main.java`, `main.cpp`).
 * @throws ProgramFilesError when the rule finds none or several.
 */
export function entryFile(language: Language, files: Record<string, Buffer>, entryPoint: string | null): string {
  if (entryPoint !== null) return entryPoint;
  const exts = sourceExtensions(language);
  const sources = Object.keys(files).filter((p) => exts.includes(extension(p)));
  if (sources.length === 1) return sources[0];
  const withMain = sources.filter((p) => declaresMain(extension(p), files[p].toString('utf8')));
  if (withMain.length === 1) return withMain[0];
  const usual = language.sourceFile('');
  const named = sources.find((p) => p === usual) ?? sources.find((p) => p.toLowerCase() === usual.toLowerCase());
  if (named && withMain.length === 0) return named;
  const found = sources.length === 0 ? `no ${exts.map((e) => `.${e}`).join(' / ')} file`
    : withMain.length > 1 ? `${withMain.length} files declare main (${withMain.join(', ')})` : `${sources.length} source files and none named ${usual}`;
  throw new ProgramFilesError(`error: cannot tell which file to run: ${found}; name it with entryPoint`);
}

/** The language's source files among `paths`, the entry first: what compilers of several files (gcc, javac, mcs, …) are given. */
export function languageSources(language: Language, paths: string[], entry: string): string[] {
  const exts = sourceExtensions(language);
  return [entry, ...paths.filter((p) => p !== entry && exts.includes(extension(p))).sort()];
}

/** Extensions of object files, libraries, executables and other compiled output. */
const COMPILED_EXTENSIONS = new Set(['o', 'obj', 'a', 'lib', 'so', 'dll', 'dylib', 'exe', 'class', 'jar', 'war', 'pyc', 'pyo', 'beam', 'hi', 'cmi', 'cmo', 'cmx', 'cmxa', 'zo', 'ppu', 'wasm', 'bc']);

/** Magic numbers of compiled files: ELF, Mach-O (both byte orders, 32/64 bit), Java class / Mach-O fat, `ar` archives, LLVM bitcode, WebAssembly. */
const MAGIC: [string, Buffer][] = [
  ['an ELF binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46])],
  ['a Mach-O binary', Buffer.from([0xfe, 0xed, 0xfa, 0xce])], ['a Mach-O binary', Buffer.from([0xfe, 0xed, 0xfa, 0xcf])],
  ['a Mach-O binary', Buffer.from([0xce, 0xfa, 0xed, 0xfe])], ['a Mach-O binary', Buffer.from([0xcf, 0xfa, 0xed, 0xfe])],
  ['a Java class file or Mach-O universal binary', Buffer.from([0xca, 0xfe, 0xba, 0xbe])],
  ['an ar archive (static library)', Buffer.from('!<arch>\n', 'latin1')],
  ['LLVM bitcode', Buffer.from([0x42, 0x43, 0xc0, 0xde])],
  ['a WebAssembly module', Buffer.from([0x00, 0x61, 0x73, 0x6d])],
];

/** Why `path` is not something the judge compiles (an object file or a binary), or null. */
export function compiledFileReason(path: string, bytes: Buffer): string | null {
  for (const [what, magic] of MAGIC) if (bytes.subarray(0, magic.length).equals(magic)) return `${what}`;
  // PE (Windows .exe/.dll): "MZ", then binary header fields (NUL bytes) soon after.
  if (bytes.subarray(0, 2).toString('latin1') === 'MZ' && bytes.subarray(0, 64).includes(0)) return 'a Windows (PE) executable';
  const ext = extension(path);
  return COMPILED_EXTENSIONS.has(ext) ? `a .${ext} file (compiled output)` : null;
}

/**
 * A submission's files, decoded, after checking again what the gateway checked (paths that stay
 * inside the folder, no duplicates) and refusing compiled files.
 * @throws ProgramFilesError naming the first file that cannot be judged.
 */
export function decodeProgramFiles(files: readonly SubmissionFile[], entryPoint: string | null): Record<string, Buffer> {
  const unsafe = submissionFilesProblem(files, entryPoint ?? undefined, { maxFiles: Infinity, maxFileBytes: Infinity, maxTotalBytes: Infinity });
  if (unsafe) throw new ProgramFilesError(`error: ${unsafe}`);
  const out: Record<string, Buffer> = {};
  for (const f of files) {
    const bytes = fileBytes(f);
    const reason = compiledFileReason(f.path, bytes);
    if (reason) throw new ProgramFilesError(`error: ${f.path} is ${reason}: submit source files only; the judge compiles them itself`);
    out[f.path] = bytes;
  }
  return out;
}

/**
 * Writes a program's files under `dir` (folders made as needed, each left writable by the box
 * users like `dir` is while compiling); returns the folders made, deepest last.
 * @throws Error for a path that would leave `dir` (never one the gateway accepted).
 */
export function writeProgramFiles(dir: string, files: Record<string, string | Buffer>): string[] {
  const root = resolve(dir);
  const made: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    const target = resolve(root, path);
    if (!target.startsWith(root + sep)) throw new Error(`program file ${JSON.stringify(path)} would leave the program's folder`);
    const parent = dirname(target);
    if (parent !== root) {
      const first = mkdirSync(parent, { recursive: true, mode: 0o777 });
      if (first) {
        // Every folder mkdir made, from the first one down.
        for (let d = parent; d.length >= first.length; d = dirname(d)) {
          chmodSync(d, 0o777);
          made.push(d);
        }
      }
    }
    writeFileSync(join(root, path), content);
  }
  return made.sort((a, b) => a.length - b.length);
}
