import type { LanguageId } from '@app/contracts';

/**
 * Judge0 CE language ids for our languages. `id` is the one `GET /judge0/languages` lists (Judge0
 * CE 1.13's id of that language, its newest toolchain where CE has several); `aliases` are CE's
 * other ids of the same language (older toolchains, Clang), accepted on submission and listed as
 * archived by `/languages/all`, so programs that send them work unchanged. Languages Judge0 CE
 * lacks get ids from `OWN_ID_BASE` up, which no Judge0 id reaches. `label` is Judge0's name with
 * `{v}` for the version our judges report.
 */
export interface Judge0Language {
  id: number;
  language: LanguageId;
  label: string;
  /**
   * The source file's name when `additional_files` come with it (the program is then several
   * files): the name our judge gives a single source of that language (Java: the public class's).
   */
  file: string;
  aliases: number[];
}

/** First id of languages Judge0 CE does not have (its own ids stay below 200). */
export const OWN_ID_BASE = 1001;

/**
 * Judge0's "Multi-file program" (id 89): a zip of files (`additional_files`) with a `run` script
 * and optionally a `compile` script, run with bash in the box (`runOptions.commands`): the
 * language of ours is `bash`, the scripts call whatever toolchains the box has under /usr.
 */
export const MULTI_FILE_PROGRAM: Judge0Language = { id: 89, language: 'bash', label: 'Multi-file program', file: 'run', aliases: [] };

export const JUDGE0_LANGUAGES: readonly Judge0Language[] = [
  { id: 46, language: 'bash', label: 'Bash ({v})', file: 'main.sh', aliases: [] },
  { id: 50, language: 'c', label: 'C (GCC {v})', file: 'main.c', aliases: [48, 49, 75, 103, 104] },
  { id: 51, language: 'csharp', label: 'C# (Mono {v})', file: 'main.cs', aliases: [] },
  { id: 54, language: 'cpp', label: 'C++ (GCC {v})', file: 'main.cpp', aliases: [52, 53, 76, 105] },
  { id: 57, language: 'elixir', label: 'Elixir ({v})', file: 'main.exs', aliases: [] },
  { id: 58, language: 'erlang', label: 'Erlang (OTP {v})', file: 'main.erl', aliases: [] },
  { id: 60, language: 'go', label: 'Go ({v})', file: 'main.go', aliases: [95, 106, 107] },
  { id: 61, language: 'haskell', label: 'Haskell (GHC {v})', file: 'main.hs', aliases: [] },
  { id: 62, language: 'java', label: 'Java (OpenJDK {v})', file: 'Main.java', aliases: [91] },
  { id: 63, language: 'javascript', label: 'JavaScript (Node.js {v})', file: 'main.js', aliases: [93, 97, 102] },
  { id: 64, language: 'lua', label: 'Lua ({v})', file: 'main.lua', aliases: [] },
  { id: 65, language: 'ocaml', label: 'OCaml ({v})', file: 'main.ml', aliases: [] },
  { id: 67, language: 'pascal', label: 'Pascal (FPC {v})', file: 'main.pas', aliases: [] },
  { id: 68, language: 'php', label: 'PHP ({v})', file: 'main.php', aliases: [98] },
  { id: 71, language: 'python3', label: 'Python ({v})', file: 'main.py', aliases: [92, 100] },
  { id: 72, language: 'ruby', label: 'Ruby ({v})', file: 'main.rb', aliases: [] },
  { id: 73, language: 'rust', label: 'Rust ({v})', file: 'main.rs', aliases: [108] },
  { id: 74, language: 'typescript', label: 'TypeScript ({v})', file: 'main.ts', aliases: [94, 101] },
  { id: 78, language: 'kotlin', label: 'Kotlin ({v})', file: 'main.kt', aliases: [] },
  { id: 81, language: 'scala', label: 'Scala ({v})', file: 'main.scala', aliases: [] },
  { id: 85, language: 'perl', label: 'Perl ({v})', file: 'main.pl', aliases: [] },
  { id: 1001, language: 'c99', label: 'C99 (GCC {v})', file: 'main.c', aliases: [] },
  { id: 1002, language: 'c11', label: 'C11 (GCC {v})', file: 'main.c', aliases: [] },
  { id: 1003, language: 'c17', label: 'C17 (GCC {v})', file: 'main.c', aliases: [] },
  { id: 1004, language: 'c23', label: 'C23 (GCC {v})', file: 'main.c', aliases: [] },
  { id: 1005, language: 'cpp11', label: 'C++11 (GCC {v})', file: 'main.cpp', aliases: [] },
  { id: 1006, language: 'cpp14', label: 'C++14 (GCC {v})', file: 'main.cpp', aliases: [] },
  { id: 1007, language: 'cpp17', label: 'C++17 (GCC {v})', file: 'main.cpp', aliases: [] },
  { id: 1008, language: 'cpp20', label: 'C++20 (GCC {v})', file: 'main.cpp', aliases: [] },
  { id: 1009, language: 'cpp23', label: 'C++23 (GCC {v})', file: 'main.cpp', aliases: [] },
  { id: 1010, language: 'pypy3', label: 'Python (PyPy {v})', file: 'main.py', aliases: [] },
  { id: 1011, language: 'racket', label: 'Racket ({v})', file: 'main.rkt', aliases: [] },
];

const BY_ID = new Map<number, { entry: Judge0Language; archived: boolean }>([
  ...JUDGE0_LANGUAGES.flatMap((l) => [[l.id, { entry: l, archived: false }] as const, ...l.aliases.map((a) => [a, { entry: l, archived: true }] as const)]),
  [MULTI_FILE_PROGRAM.id, { entry: MULTI_FILE_PROGRAM, archived: false }],
]);
const BY_LANGUAGE = new Map<LanguageId, Judge0Language>(JUDGE0_LANGUAGES.map((l) => [l.language, l]));

/** The entry of a Judge0 language id (main id or alias), or undefined. */
export function judge0Language(id: number): { entry: Judge0Language; archived: boolean } | undefined {
  return BY_ID.get(id);
}

/** Our language's Judge0 id (the listed one). */
export function judge0IdOf(language: LanguageId): number {
  return BY_LANGUAGE.get(language)!.id;
}

/** The file a single source of `language` is saved as beside `additional_files` (Java: its public class's name). */
export function sourceFileName(entry: Judge0Language, source: string): string {
  if (entry.language === 'java') {
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
    const cls = /\bpublic\s+(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/.exec(code)?.[1];
    return `${cls ?? 'Main'}.java`;
  }
  if (entry.language === 'erlang') return `${/^\s*-\s*module\s*\(\s*([a-z][\w@]*)\s*\)/m.exec(source)?.[1] ?? 'main'}.erl`;
  return entry.file;
}

/** Judge0's name of a language at `version`, e.g. `C (GCC 12.2.0)`. */
export function judge0Name(entry: Judge0Language, version: string): string {
  return entry.label.replace('{v}', version);
}
