import { ClassSpec, FunctionSpec, HarnessSpec } from './signature';

/** A function problem's program in one language: the driver's files and the user's code. */
export interface HarnessProgram {
  /** Every file of the program by name (the user's code among them, exactly as written). */
  files: Record<string, string>;
  /** The file the language's compile and run commands take (the driver). */
  entry: string;
  /** The file holding the user's code: compiler errors and syntax checks point there, at the user's lines. */
  userFile: string;
  /**
   * The driver reads the test's JSON input as it is (Python, JavaScript); otherwise it reads the
   * wire form (`wireInput`).
   */
  jsonInput: boolean;
}

/** One language's harness: LeetCode's starting code, and the driver around a solution. */
export interface HarnessGenerator {
  /** Language id (`LanguageId`). */
  language: string;
  /** Starting code as LeetCode's editor shows it. */
  template(spec: HarnessSpec): string;
  /** The program judging `source` (the user's code as LeetCode's editor holds it). */
  program(spec: HarnessSpec, source: string): HarnessProgram;
}

/** The function or the class of a spec (exactly one is set once checked). */
export function kindOf(spec: HarnessSpec): { fn: FunctionSpec; cls?: undefined } | { fn?: undefined; cls: ClassSpec } {
  if (spec.function) return { fn: spec.function };
  if (spec.class) return { cls: spec.class };
  throw new Error('not a function problem');
}

/** `getMin` → `GetMin`. */
export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `MinStack` → `minStack`. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * A parameter name as a language may write it: names the signature allows can still be keywords
 * of one language (Kotlin's `val`, Go's `range`); templates escape them (`escape`), drivers use
 * names of their own.
 */
export function safeName(name: string, keywords: ReadonlySet<string>, escape: (name: string) => string): string {
  return keywords.has(name) ? escape(name) : name;
}
