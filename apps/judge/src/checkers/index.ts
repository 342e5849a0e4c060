import { CheckResult, CheckerSpec } from './checker.types';
import { checkExact } from './exact.checker';
import { checkLines } from './lines.checker';
import { checkTokens } from './tokens.checker';

export type { CheckResult, CheckerSpec, TokenCheckerOptions } from './checker.types';
export { checkExact } from './exact.checker';
export { checkLines } from './lines.checker';
export { checkTokens } from './tokens.checker';

/**
 * Judges `output` against `answer` with the built-in checker `spec.type` names: `tokens` (the
 * ICPC / Kattis default output validator, see `checkTokens`, taking the other fields of `spec` as
 * its flags) or `exact` (byte for byte, see `checkExact`, ignoring them) or `lines` (Judge0's rule, see
 * `checkLines`). Custom checker programs
 * are not run here; a spec of another type is the caller's bug and throws.
 */
export function check(spec: CheckerSpec, answer: Buffer, output: Buffer): CheckResult {
  switch (spec.type) {
    case 'tokens':
      return checkTokens(answer, output, spec);
    case 'exact':
      return checkExact(answer, output);
    case 'lines':
      return checkLines(answer, output);
    default:
      throw new Error(`not a built-in checker: ${String((spec as { type: unknown }).type)}`);
  }
}
