/** Language ids accepted by the API. A judge reports which of them it can run (`languages.list`). */
export const LANGUAGE_IDS = ['c', 'cpp', 'python3', 'javascript', 'java', 'rust'] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

/** What `GET /api/v1/languages` returns for each language a judge can run. */
export interface LanguageInfo {
  id: LanguageId;
  /** Human name, e.g. "C++17 (g++ -O2)". */
  name: string;
  /** Toolchain version as the toolchain reports it, e.g. "12.2.0". */
  version: string;
}

/** Language id for a source file's extension (`.cpp` → `cpp`), or undefined. */
export function languageForFile(fileName: string): LanguageId | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const byExt: Record<string, LanguageId> = {
    c: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', py: 'python3', js: 'javascript', mjs: 'javascript',
    java: 'java', rs: 'rust',
  };
  return byExt[ext];
}
