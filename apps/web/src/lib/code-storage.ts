/** What the code store needs of `window.localStorage` (so tests can pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'oj:';

/** Storage key of the code a person wrote for one problem in one language. */
export function codeKey(problemId: string, language: string): string {
  return `${PREFIX}code:${problemId}:${language}`;
}

/**
 * The code, last language and custom input a person left, per problem and language, kept in the
 * browser (localStorage) across reloads. Storage errors (quota, private mode) are swallowed:
 * losing a draft must never break the page.
 */
export class CodeStore {
  constructor(private readonly store: KeyValueStore) {}

  /** The saved code for the problem and language, or undefined when none was saved. */
  loadCode(problemId: string, language: string): string | undefined {
    return this.read(codeKey(problemId, language));
  }

  /** Saves `code`; an empty string forgets it (the template shows again). */
  saveCode(problemId: string, language: string, code: string): void {
    if (code === '') this.remove(codeKey(problemId, language));
    else this.write(codeKey(problemId, language), code);
  }

  /** The language last picked (on any problem), or undefined. */
  loadLanguage(): string | undefined {
    return this.read(`${PREFIX}language`);
  }

  saveLanguage(language: string): void {
    this.write(`${PREFIX}language`, language);
  }

  /** The custom input last typed for the problem. */
  loadInput(problemId: string): string {
    return this.read(`${PREFIX}input:${problemId}`) ?? '';
  }

  saveInput(problemId: string, input: string): void {
    this.write(`${PREFIX}input:${problemId}`, input);
  }

  /** Keeps the code sent with a submission, so its page can show it in this browser. */
  saveSubmissionSource(submissionId: string, language: string, code: string): void {
    this.write(`${PREFIX}submission:${submissionId}`, JSON.stringify({ language, code }));
  }

  /** The code sent with a submission from this browser, or undefined. */
  loadSubmissionSource(submissionId: string): { language: string; code: string } | undefined {
    const raw = this.read(`${PREFIX}submission:${submissionId}`);
    try {
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  }

  private read(key: string): string | undefined {
    try {
      return this.store.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.store.setItem(key, value);
    } catch {
      /* quota or private mode: the draft is not kept */
    }
  }

  private remove(key: string): void {
    try {
      this.store.removeItem(key);
    } catch {
      /* as write */
    }
  }
}

/**
 * The language to preselect: the remembered one when the judges still offer it, else the
 * first offered one that has a template, else the first offered.
 */
export function pickLanguage(offered: string[], remembered: string | undefined, templates?: Record<string, string>): string | undefined {
  if (remembered && offered.includes(remembered)) return remembered;
  return offered.find((l) => templates?.[l] !== undefined) ?? offered[0];
}
