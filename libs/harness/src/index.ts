import { HarnessGenerator, HarnessProgram } from './generator';
import { c } from './languages/c';
import { cpp } from './languages/cpp';
import { java } from './languages/java';
import { javascript } from './languages/javascript';
import { kotlin } from './languages/kotlin';
import { php } from './languages/php';
import { csharp } from './languages/csharp';
import { go } from './languages/go';
import { pypy3, python3 } from './languages/python';
import { ruby } from './languages/ruby';
import { rust } from './languages/rust';
import { scala } from './languages/scala';
import { typescript } from './languages/typescript';
import { HarnessSpec } from './signature';

export * from './json';
export * from './signature';
export * from './values';
export * from './compare';
export type { HarnessGenerator, HarnessProgram } from './generator';

/** The harness of each language that has one, by language id. */
export const HARNESS_GENERATORS: Record<string, HarnessGenerator> = Object.fromEntries(
  [c, cpp, java, python3, pypy3, javascript, typescript, rust, go, csharp, kotlin, scala, php, ruby].map((g) => [g.language, g]),
);

/** Whether the problem asks for a function or a class rather than a program. */
export function isFunctionProblem(spec: HarnessSpec | null | undefined): spec is HarnessSpec {
  return !!spec && (!!spec.function || !!spec.class);
}

/** LeetCode-style starting code for every language with a harness: `{ <language>: <code> }`. */
export function templates(spec: HarnessSpec): Record<string, string> {
  return Object.fromEntries(Object.values(HARNESS_GENERATORS).map((g) => [g.language, g.template(spec)]));
}

/** The program judging `source` in `language`, or null when the language has no harness. */
export function harnessProgram(language: string, spec: HarnessSpec, source: string): HarnessProgram | null {
  return HARNESS_GENERATORS[language]?.program(spec, source) ?? null;
}
