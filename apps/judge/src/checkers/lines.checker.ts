import { CheckResult } from './checker.types';
import { checkExact } from './exact.checker';

/**
 * Judge0's comparison of `expected_output` with `stdout`: each line's trailing whitespace (spaces,
 * tabs, CR) and whitespace before the first and after the last non-blank character are ignored;
 * everything else, letter case and spacing inside a line included, must match byte for byte.
 * The message names the first difference as `checkExact` does, in the normalised texts.
 */
export function checkLines(answer: Buffer, output: Buffer): CheckResult {
  return checkExact(normalise(answer), normalise(output));
}

function normalise(b: Buffer): Buffer {
  const text = b.toString('latin1').split('\n').map((l) => l.replace(/[ \t\r\f\v]+$/, '')).join('\n');
  return Buffer.from(text.replace(/^[\s]+|[\s]+$/g, ''), 'latin1');
}
