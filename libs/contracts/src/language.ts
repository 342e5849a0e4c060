/**
 * Language ids accepted by the API. A judge reports which of them it can run (`languages.list`).
 * `cpp` is C++17 and `c` is C11; `cppNN` / `cNN` pick a standard explicitly.
 */
export const LANGUAGE_IDS = [
  'c', 'c99', 'c11', 'c17', 'c23',
  'cpp', 'cpp11', 'cpp14', 'cpp17', 'cpp20', 'cpp23',
  'python3', 'pypy3', 'javascript', 'typescript', 'java', 'kotlin', 'scala', 'rust', 'go', 'csharp',
  'haskell', 'ocaml', 'pascal', 'ruby', 'php', 'perl', 'lua', 'bash', 'racket', 'erlang', 'elixir',
] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

/** What `GET /api/v1/languages` returns for each language a judge can run. */
export interface LanguageInfo {
  id: LanguageId;
  /** Human name, e.g. "C++17 (g++ -O2)". */
  name: string;
  /** Toolchain version as the toolchain reports it, e.g. "12.2.0". */
  version: string;
  /**
   * The compile command as run in the box (working folder `/box`, the source saved as the file
   * named in it), e.g. `g++ -O2 -std=gnu++17 -pipe -o main main.cpp -lm`; null when the language
   * has no compile step. Shown so that people know the standard and flags they are judged with.
   */
  compileCommand: string | null;
  /** The run command as run in the box (the compiled program's folder is `/prog`). */
  runCommand: string;
  /**
   * Factor applied to a problem's CPU time limit (and its wall limit) for this language, e.g. 2
   * for a language whose runtime starts slowly; 1 for most. Measured times are reported as they
   * are, and the TLE message names the limit that applied.
   */
  timeMultiplier: number;
}

/** Language id for a source file's extension (`.cpp` → `cpp`), or undefined. */
export function languageForFile(fileName: string): LanguageId | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return (LANGUAGE_BY_EXTENSION as Record<string, LanguageId>)[ext];
}

/** Language id by file extension (lower-case, without the dot): the default for each extension. */
export const LANGUAGE_BY_EXTENSION: Readonly<Record<string, LanguageId>> = Object.freeze({
  c: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', py: 'python3', js: 'javascript', mjs: 'javascript',
  ts: 'typescript', java: 'java', kt: 'kotlin', scala: 'scala', rs: 'rust', go: 'go', cs: 'csharp',
  hs: 'haskell', ml: 'ocaml', pas: 'pascal', pp: 'pascal', rb: 'ruby', php: 'php', pl: 'perl',
  lua: 'lua', sh: 'bash', rkt: 'racket', erl: 'erlang', ex: 'elixir', exs: 'elixir',
});
