import { CheckResult } from './checker.types';
import { quote } from './render';

/** Bytes of each side shown around the first difference. */
const CONTEXT_BYTES = 30;
/** Compared natively a chunk at a time; only the chunk that differs is walked byte by byte. */
const CHUNK = 64 * 1024;

/**
 * The exact checker: the output must equal the answer byte for byte. Nothing is forgiven, not a
 * trailing newline, a trailing space, CRLF for LF or letter case; use the token checker (the ICPC
 * default validator) for anything more lenient.
 *
 * @returns `{ accepted: true, message: 'ok' }`, or where the first difference is, as a 0-based
 * byte offset plus the 1-based line and column (in bytes) of the output, with up to 30 bytes of
 * each side from there: `first difference at byte offset 6 (line 2, column 1): expected "4\n",
 * got "5\n"`, `output ended early at byte offset 5 (line 1, column 6): expected "\n"` or
 * `extra output at byte offset 6 (line 2, column 1): "junk"`.
 */
export function checkExact(answer: Buffer, output: Buffer): CheckResult {
  const common = Math.min(answer.length, output.length);
  const at = firstDifference(answer, output, common);
  if (at === common && answer.length === output.length) return { accepted: true, message: 'ok' };

  const where = `byte offset ${at} (${linePosition(output, at)})`;
  const snippet = (buf: Buffer) => quote(buf, at, buf.length, CONTEXT_BYTES, false);
  let message: string;
  if (at < common) message = `first difference at ${where}: expected ${snippet(answer)}, got ${snippet(output)}`;
  else if (output.length < answer.length) message = `output ended early at ${where}: expected ${snippet(answer)}`;
  else message = `extra output at ${where}: ${snippet(output)}`;
  return { accepted: false, message };
}

function firstDifference(a: Buffer, b: Buffer, length: number): number {
  for (let start = 0; start < length; start += CHUNK) {
    const end = Math.min(length, start + CHUNK);
    if (a.compare(b, start, end, start, end) !== 0) {
      let i = start;
      while (a[i] === b[i]) i++;
      return i;
    }
  }
  return length;
}

function linePosition(buf: Buffer, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1 && nl < offset; nl = buf.indexOf(0x0a, nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
