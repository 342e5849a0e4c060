import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Verdict } from '@app/contracts';
import { compareResults, HARNESS_GENERATORS, HarnessProgram, harnessProgram, HarnessSpec, isFunctionProblem, wireInput } from '@app/harness';
import type { ProblemEntity } from '@app/persistence';
import type { SubmissionFile } from '@app/contracts';
import { decodeProgramFiles, entryFile } from '../compile/program-files';
import { Language } from '../languages/language.registry';

/**
 * What the pipeline compiles and runs: the submission's source as it is, or, for a function
 * problem (DESIGN.md, "Function problems"), the language's harness: a driver plus the user's
 * code in its own file (libs/harness).
 */
export interface ProgramSource {
  /** The language, with its syntax check (if any) pointed at the user's file. */
  language: Language;
  /** The file the language's commands take. */
  file: string;
  /** Every file to write into the program folder, by relative path. */
  files: Record<string, string | Buffer>;
  /** Sent as several files (see SourceFiles.several). */
  several?: boolean;
  /** Set for function problems. */
  spec: HarnessSpec | null;
  harness: HarnessProgram | null;
}

/** A function problem in a language without a harness: the submission ends CE with this message. */
export class NoHarnessError extends Error {}

/** What a submission gives to be compiled: one text (`sourceCode`) or several files (`files`, `entryPoint`). */
export interface SubmittedProgram {
  sourceCode: string;
  files: readonly SubmissionFile[] | null;
  entryPoint: string | null;
}

/**
 * The program's source files for `submitted` in `language`: one file named as the language
 * wants, or the submission's own files with the entry point found (compile/program-files.ts).
 * @throws NoHarnessError for a function problem in a language that has no harness;
 * ProgramFilesError for files that cannot be judged (binaries, no entry point).
 */
export function programSource(language: Language, problem: ProblemEntity | undefined, submitted: SubmittedProgram): ProgramSource {
  const spec = problem?.signature;
  if (submitted.files) {
    const files = decodeProgramFiles(submitted.files, submitted.entryPoint);
    return { language, file: entryFile(language, files, submitted.entryPoint), files, several: true, spec: null, harness: null };
  }
  const source = submitted.sourceCode;
  if (!isFunctionProblem(spec)) {
    const file = language.sourceFile(source);
    return { language, file, files: { [file]: source }, spec: null, harness: null };
  }
  const harness = harnessProgram(language.id, spec, source);
  if (!harness) throw new NoHarnessError(`${problem!.id} is a function problem, and ${language.name} has no function harness yet: submit in ${Object.keys(HARNESS_GENERATORS).join(', ')}`);
  const check = language.lazyCompileCheck;
  return {
    // A syntax error is confirmed on the user's file, where it is (the driver has none).
    language: check ? { ...language, lazyCompileCheck: { looksLike: check.looksLike, confirm: () => check.confirm(harness.userFile) } } : language,
    file: harness.entry,
    files: harness.files,
    spec,
    harness,
  };
}

/**
 * The stdin of a test: the test's own input, or for drivers that read the wire form, that form,
 * written once per cached test next to its input (the cache is per problem version).
 */
export function programInput(program: ProgramSource, inputFile: string): string {
  if (!program.harness || program.harness.jsonInput) return inputFile;
  const wire = join(dirname(inputFile), `${inputFile.replace(/^.*\//, '').replace(/\.in$/, '')}.wire`);
  if (!existsSync(wire)) {
    const tmp = `${wire}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, wireInput(program.spec!, readFileSync(inputFile, 'utf8')));
    renameSync(tmp, wire);
  }
  return wire;
}

/**
 * A function problem's verdict on a cleanly ended run: the driver's result (fd 3) compared with
 * the expected JSON (structural, doubles within 1e-5, `anyOrder`).
 */
export function checkResult(program: ProgramSource, answerFile: string, result: Buffer | undefined): { verdict: Verdict; message: string } {
  const c = compareResults(readFileSync(answerFile, 'utf8'), result ? result.toString('utf8') : null, { anyOrder: program.spec?.function?.anyOrder });
  return { verdict: c.accepted ? Verdict.AC : Verdict.WA, message: c.message };
}
