import { CheckResult, TokenCheckerOptions } from './checker.types';
import { quote } from './render';

/**
 * The token checker: the ICPC / Kattis default output validator, i.e. problemtools'
 * `support/default_validator/default_validator.cc` and the legacy package format's "Default Output
 * Validator Specification" (https://www.kattis.com/problem-package-format/spec/legacy.html), run
 * in-process on the two byte buffers.
 *
 * Both sides are split into tokens, maximal runs of bytes that are not whitespace, where
 * whitespace is what C's `isspace` says in the C locale: space, \t, \n, \v, \f, \r. Tokens are
 * compared one by one; the output must have exactly as many tokens as the answer (missing or extra
 * tokens are a wrong answer; an empty answer accepts an empty or whitespace-only output).
 *
 * - Whitespace: by default any run of whitespace equals any other, and leading and trailing
 *   whitespace, blank lines, trailing spaces and CR/LF are ignored. With `spaceChangeSensitive`
 *   the spec says "changes in the amount of whitespace should be rejected", and the reference
 *   implementation enforces that by comparing every whitespace byte of the answer with the byte at
 *   the same place in the output. We do the same: each whitespace run of the output, including
 *   before the first token and after the last one, must equal the answer's byte for byte. So in
 *   that mode a missing final newline, a trailing space, a CRLF for a LF or a space for a newline
 *   are all wrong answers.
 * - Letter case: ignored by default, for ASCII letters only (`strcasecmp` in the C locale; other
 *   bytes, UTF-8 included, must match exactly); `caseSensitive` makes it matter.
 * - Numbers: only when `absoluteTolerance` and/or `relativeTolerance` is set (the spec's
 *   `float_tolerance ε` is both set to ε). Then a token of the answer that is a number makes the
 *   output's token have to be a number too, within either tolerance:
 *   |expected − got| ≤ absoluteTolerance OR |expected − got| ≤ relativeTolerance × |expected|.
 *   Any decimal spelling is accepted ("0.0000001" = "1e-7" = "1.0E-7"). Without tolerances numbers
 *   are plain tokens, so "1.0" vs "1" is a wrong answer, as the spec says. Answer tokens that are
 *   not numbers are compared as text.
 *
 * Choices where the reference implementation leaves room or is platform-bound (see `parseNumber`):
 * - A number is `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, or `inf`,
 *   `infinity` or `nan` in any case with an optional sign (what C's `strtod` accepts, minus hex
 *   floats: "0x1A" in an answer is far more likely to be text than a float). NaN matches only
 *   NaN; an infinity matches only the infinity of the same sign, as in DOMjudge's version of the
 *   validator (whose test data has "inf", "-inf" and "nan" answers). problemtools instead compares
 *   such tokens as text; the two agree on the spellings programs print, except that we also accept
 *   e.g. "Infinity" for "inf".
 * - Finite literals stay finite however large: "1e400" is not Infinity (as it would be for a
 *   double) but 10^400. Numbers beyond about 1e±300 are compared scaled by a power of ten, so
 *   1e400 matches 1.0e400 and not 2e400, and never matches "inf".
 * - Comparisons are mathematically exact at the boundary: a difference exactly equal to the
 *   tolerance passes, with the tolerance taken as the shortest decimal that prints as the given
 *   double (1e-6, not 9.99999999999999954748e-7). Doubles decide everything else; only when the
 *   double result is within rounding error of the tolerance do we redo it in exact decimal
 *   arithmetic, so 1.5 vs 1.6 with absolute tolerance 0.1 passes, where the reference's
 *   `fabs(1.5 - 1.6) <= 0.1` happens to fail.
 *
 * Works on raw bytes: any encoding, including invalid UTF-8, is fine, and nothing is split into
 * arrays of strings, so outputs of tens of megabytes take time linear in their size and little
 * memory.
 *
 * @returns `{ accepted: true, message: 'ok' }` (or `'ok (within tolerance)'` when some number was
 * accepted without being spelled as in the answer), or the first difference, placed by 1-based line
 * and token-on-that-line of the output: `line 3, token 2: expected "42", got "41"`,
 * `output ended early: expected "5" (token 7)` (the 7th token of the answer),
 * `extra output after the answer: "foo" (line 9, token 1)`, or with `spaceChangeSensitive`
 * `line 1, after token 1: expected whitespace "\n", got end of output`.
 */
export function checkTokens(answer: Buffer, output: Buffer, options: TokenCheckerOptions = {}): CheckResult {
  const caseSensitive = options.caseSensitive === true;
  const spaceSensitive = options.spaceChangeSensitive === true;
  const tolerances = { absolute: tolerance(options.absoluteTolerance), relative: tolerance(options.relativeTolerance) };
  const useNumbers = tolerances.absolute !== undefined || tolerances.relative !== undefined;

  const aLen = answer.length;
  const oLen = output.length;
  let j = 0; // next byte of the answer
  let t = 0; // next byte of the output
  let line = 1; // line of the output at t
  let onLine = 0; // tokens of the output read so far on `line`
  let tokenNo = 0; // tokens of the answer read so far
  let tolerated = false;

  for (;;) {
    const js = j;
    while (j < aLen && WS[answer[j]]) j++;
    const ts = t;
    const tsLine = line;
    const tsOnLine = onLine;
    while (t < oLen && WS[output[t]]) {
      if (output[t] === LF) { line++; onLine = 0; }
      t++;
    }
    if (spaceSensitive && !sameBytes(answer, js, j, output, ts, t)) {
      const where = tsOnLine === 0 ? `line ${tsLine}, before token 1` : `line ${tsLine}, after token ${tsOnLine}`;
      const describe = (buf: Buffer, s: number, e: number) =>
        s < e ? `whitespace ${quote(buf, s, e)}` : e === buf.length ? 'end of output' : 'no whitespace';
      return wrong(`${where}: expected ${describe(answer, js, j)}, got ${describe(output, ts, t)}`);
    }
    if (j === aLen) break;

    const jStart = j;
    while (j < aLen && !WS[answer[j]]) j++;
    tokenNo++;
    if (t === oLen) {
      const why = tokenNo > 1 ? '' : oLen === 0 ? '; the output is empty' : '; the output is only whitespace';
      return wrong(`output ended early: expected ${quote(answer, jStart, j)} (token ${tokenNo})${why}`);
    }
    const tStart = t;
    while (t < oLen && !WS[output[t]]) t++;
    onLine++;

    // Equal tokens are equal numbers too: the common case costs no parsing.
    if (sameToken(answer, jStart, j, output, tStart, t, caseSensitive)) continue;
    if (useNumbers) {
      const expected = parseNumber(answer, jStart, j);
      if (expected) {
        const got = parseNumber(output, tStart, t);
        const why = got ? compareNumbers(expected, got, answer, output, tolerances) : 'not a number';
        if (why) {
          return wrong(`line ${line}, token ${onLine}: expected ${quote(answer, jStart, j)}, got ${quote(output, tStart, t)} (${why})`);
        }
        tolerated = true;
        continue;
      }
    }
    return wrong(`line ${line}, token ${onLine}: expected ${quote(answer, jStart, j)}, got ${quote(output, tStart, t)}`);
  }

  if (t < oLen) {
    let e = t;
    while (e < oLen && !WS[output[e]]) e++;
    return wrong(`extra output after the answer: ${quote(output, t, e)} (line ${line}, token ${onLine + 1})`);
  }
  return { accepted: true, message: tolerated ? 'ok (within tolerance)' : 'ok' };
}

const LF = 0x0a;

/** 1 for the bytes C's `isspace` accepts in the C locale. */
const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) WS[c] = 1;

function wrong(message: string): CheckResult {
  return { accepted: false, message };
}

/** The reference takes "a tolerance was given" as "it is ≥ 0"; NaN and negatives mean none. */
function tolerance(value: number | undefined): number | undefined {
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/** Past this length a native compare beats a JS loop, whose per-call cost is lower. */
const NATIVE_COMPARE_BYTES = 64;

function sameBytes(a: Buffer, as: number, ae: number, b: Buffer, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  if (ae - as > NATIVE_COMPARE_BYTES) return a.compare(b, bs, be, as, ae) === 0;
  for (let i = as, k = bs; i < ae; i++, k++) if (a[i] !== b[k]) return false;
  return true;
}

function sameToken(a: Buffer, as: number, ae: number, b: Buffer, bs: number, be: number, caseSensitive: boolean): boolean {
  if (caseSensitive) return sameBytes(a, as, ae, b, bs, be);
  if (ae - as !== be - bs) return false;
  for (let i = as, k = bs; i < ae; i++, k++) {
    const x = a[i];
    const y = b[k];
    if (x === y) continue;
    // Folding only ASCII letters, like strcasecmp in the C locale: a byte ≥ 0x80 may be half of a
    // UTF-8 character, and "folding" it would equate unrelated characters.
    const lx = x | 0x20;
    if (lx !== (y | 0x20) || lx < 0x61 || lx > 0x7a) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Numbers

type Num =
  | { kind: 'nan' }
  | { kind: 'inf'; negative: boolean }
  | Finite;

interface Finite {
  kind: 'finite';
  negative: boolean;
  /** The double nearest to the literal; ±Infinity or 0 when it is beyond what a double holds. */
  value: number;
  /** Index of the first non-zero digit, or -1 when the number is zero. */
  firstDigit: number;
  /** End of the digits and the point, before any exponent. */
  mantissaEnd: number;
  /** The literal is 0.d₁d₂… × 10^point, d₁ being the digit at `firstDigit` (0 when zero). */
  point: number;
}

/** Decimal exponents whose numbers doubles hold comfortably (normal, with room for products). */
const MIN_POINT = -290;
const MAX_POINT = 300;

/** What `strtod` would parse in full, minus hex floats (see `checkTokens`), else null. */
function parseNumber(buf: Buffer, start: number, end: number): Num | null {
  let i = start;
  let negative = false;
  if (buf[i] === 0x2b || buf[i] === 0x2d) {
    negative = buf[i] === 0x2d;
    i++;
  }
  const word = end - i;
  if (word === 3 || word === 8) {
    if (matchesWord(buf, i, end, 'nan')) return { kind: 'nan' };
    if (matchesWord(buf, i, end, 'inf') || matchesWord(buf, i, end, 'infinity')) return { kind: 'inf', negative };
  }
  // The digits as an integer, while it is exact (at most 15 significant digits), for the fast path.
  let digits = 0;
  let significant = 0;
  const intStart = i;
  for (; i < end && isDigit(buf[i]); i++) {
    digits = digits * 10 + (buf[i] - 0x30);
    if (digits !== 0) significant++;
  }
  const intEnd = i;
  let fracStart = i;
  if (i < end && buf[i] === 0x2e) {
    fracStart = ++i;
    for (; i < end && isDigit(buf[i]); i++) {
      digits = digits * 10 + (buf[i] - 0x30);
      if (digits !== 0) significant++;
    }
  }
  const mantissaEnd = i;
  if (intEnd === intStart && i === fracStart) return null;
  let exponent = 0;
  if (i < end && (buf[i] | 0x20) === 0x65) {
    i++;
    const expNegative = buf[i] === 0x2d;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    const expStart = i;
    // A double is exact to 2^53, far beyond any exponent that could still matter.
    while (i < end && isDigit(buf[i])) exponent = exponent * 10 + (buf[i++] - 0x30);
    if (i === expStart) return null;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return null;

  let firstDigit = -1;
  let point = 0;
  for (let k = intStart; k < intEnd; k++) {
    if (buf[k] !== 0x30) { firstDigit = k; point = intEnd - k + exponent; break; }
  }
  if (firstDigit < 0) {
    for (let k = fracStart; k < mantissaEnd; k++) {
      if (buf[k] !== 0x30) { firstDigit = k; point = fracStart - k + exponent; break; }
    }
  }
  // Clinger's fast path: an exact integer times or over an exact power of ten is one correctly
  // rounded operation, the same double as a full parse, without making a string per token.
  const scale = exponent - (mantissaEnd - fracStart);
  let value: number;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    value = scale < 0 ? digits / POW10[-scale] : digits * POW10[scale];
    if (negative) value = -value;
  } else {
    value = Number(buf.toString('latin1', start, end));
  }
  return { kind: 'finite', negative, value, firstDigit, mantissaEnd, point };
}

/** 10^0 … 10^22, all exact in a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function matchesWord(buf: Buffer, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if ((buf[start + k] | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

interface Tolerances {
  absolute: number | undefined;
  relative: number | undefined;
}

/** null when `got` is within tolerance of `expected`, else why not. */
function compareNumbers(expected: Num, got: Num, answer: Buffer, output: Buffer, tol: Tolerances): string | null {
  if (expected.kind === 'nan') return got.kind === 'nan' ? null : 'NaN expected';
  if (expected.kind === 'inf') {
    return got.kind === 'inf' && got.negative === expected.negative ? null : `${expected.negative ? '-' : '+'}infinity expected`;
  }
  if (got.kind !== 'finite') return 'a finite number expected';

  const inRange = (n: Finite) => n.firstDigit < 0 || (n.point >= MIN_POINT && n.point <= MAX_POINT);
  if (!inRange(expected) || !inRange(got)) return compareScaled(expected, got, answer, output, tol);

  const a = expected.value;
  const b = got.value;
  const d = Math.abs(a - b);
  // Each bound's verdict in doubles, unless it is within rounding error of the boundary: parsing
  // a, b and the tolerance, the subtraction and the product are each off by at most half an ulp,
  // so twice that (EPSILON) on every term is a safe margin. Only then is exact arithmetic needed.
  const within = (bound: number, exact: (x: Exact) => boolean): boolean => {
    if (!Number.isFinite(bound)) return true;
    const margin = Number.EPSILON * (Math.abs(a) + Math.abs(b) + d + bound);
    if (Math.abs(d - bound) > margin) return d <= bound;
    const x = toExact(answer, expected, output, got);
    return x ? exact(x) : d <= bound;
  };
  const limits: string[] = [];
  const bounds: number[] = [];
  if (tol.absolute !== undefined) {
    if (within(tol.absolute, (x) => exactWithinAbsolute(x, tol.absolute!))) return null;
    limits.push(`absolute tolerance ${tol.absolute}`);
    bounds.push(tol.absolute);
  }
  if (tol.relative !== undefined) {
    // 0 × ∞ is NaN in doubles; a zero expected value allows no relative error whatever the tolerance.
    const bound = a === 0 ? 0 : tol.relative * Math.abs(a);
    if (within(bound, (x) => exactWithinRelative(x, tol.relative!))) return null;
    // 15 digits hide the noise of binary fractions (1e-6 × 100 = 0.00009999999999999999).
    const shown = Number(bound.toPrecision(15));
    limits.push(`relative tolerance ${tol.relative} × ${Number(Math.abs(a).toPrecision(15))} = ${shown}`);
    bounds.push(shown);
  }
  return `difference ${shortest(d, bounds)} > ${limits.join(' and > ')}`;
}

/**
 * `x` with as few significant digits as show that it exceeds every one of `bounds` (3 at least),
 * so that a difference just over the tolerance does not print as the tolerance itself.
 */
function shortest(x: number, bounds: number[]): string {
  for (let digits = 3; digits < 17; digits++) {
    const shown = Number(x.toPrecision(digits));
    if (bounds.every((bound) => shown > bound)) return String(shown);
  }
  return String(x);
}

/**
 * Numbers beyond the double range, compared as m × 10^k with k the larger of their decimal
 * exponents: the relative test is scale-free, the absolute one is done on logarithms. About 15
 * significant digits; exactness at the boundary is not worth big-number arithmetic out there.
 */
function compareScaled(expected: Finite, got: Finite, answer: Buffer, output: Buffer, tol: Tolerances): string | null {
  let k = -Infinity;
  if (expected.firstDigit >= 0) k = expected.point;
  if (got.firstDigit >= 0) k = Math.max(k, got.point);
  const a = scaled(answer, expected, k);
  const b = scaled(output, got, k);
  const d = Math.abs(a - b);
  if (d <= Number.EPSILON * (Math.abs(a) + Math.abs(b))) return null;
  const log = Math.log10(d) + k;
  if (tol.absolute !== undefined && log <= Math.log10(tol.absolute)) return null;
  const limits: string[] = [];
  if (tol.absolute !== undefined) limits.push(`absolute tolerance ${tol.absolute}`);
  if (tol.relative !== undefined) {
    const bound = a === 0 ? 0 : tol.relative * Math.abs(a);
    if (d <= bound + Number.EPSILON * (Math.abs(a) + Math.abs(b) + bound)) return null;
    limits.push(`relative tolerance ${tol.relative} × |expected|`);
  }
  return `difference ${powerOfTen(log)} > ${limits.join(' and > ')}`;
}

/** 10^log in scientific notation, for differences a double cannot hold. */
function powerOfTen(log: number): string {
  let exp = Math.floor(log);
  let mantissa = Number((10 ** (log - exp)).toPrecision(3));
  if (mantissa >= 10) {
    mantissa /= 10;
    exp++;
  }
  return `${mantissa}e${exp < 0 ? '' : '+'}${exp}`;
}

function significantDigits(buf: Buffer, n: Finite): string {
  if (n.firstDigit < 0) return '';
  const digits = buf.toString('latin1', n.firstDigit, n.mantissaEnd);
  return digits.includes('.') ? digits.replace('.', '') : digits;
}

function scaled(buf: Buffer, n: Finite, k: number): number {
  if (n.firstDigit < 0) return 0;
  return Number(`${n.negative ? '-' : ''}0.${significantDigits(buf, n)}e${n.point - k}`);
}

// Exact decimal arithmetic, for verdicts that doubles cannot settle.

/** A value m × 10^e; `expected` carries its sign in m. */
interface Dec {
  m: bigint;
  e: number;
}

interface Exact {
  expected: Dec;
  diff: Dec;
}

/** Past this many digits BigInt work gets slow; the double verdict stands instead. */
const MAX_EXACT_DIGITS = 2000;

function toExact(answer: Buffer, expected: Finite, output: Buffer, got: Finite): Exact | null {
  const a = toDec(answer, expected);
  const b = toDec(output, got);
  if (!a || !b) return null;
  const e = Math.min(a.e, b.e);
  const diff = a.m * 10n ** BigInt(a.e - e) - b.m * 10n ** BigInt(b.e - e);
  return { expected: a, diff: { m: diff < 0n ? -diff : diff, e } };
}

function toDec(buf: Buffer, n: Finite): Dec | null {
  const digits = significantDigits(buf, n);
  if (digits.length > MAX_EXACT_DIGITS) return null;
  if (digits === '') return { m: 0n, e: 0 };
  const m = BigInt(digits);
  return { m: n.negative ? -m : m, e: n.point - digits.length };
}

/** The tolerance as the user wrote it: the shortest decimal that reads back as the same double. */
function decimalOf(x: number): Dec {
  const [, int, frac = '', exp = '0'] = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x))!;
  return { m: BigInt(int + frac), e: Number(exp) - frac.length };
}

/** x × 10^xe ≤ y × 10^ye, for x, y ≥ 0. */
function atMost(x: bigint, xe: number, y: bigint, ye: number): boolean {
  return xe >= ye ? x * 10n ** BigInt(xe - ye) <= y : x <= y * 10n ** BigInt(ye - xe);
}

function exactWithinAbsolute(x: Exact, absolute: number): boolean {
  const t = decimalOf(absolute);
  return atMost(x.diff.m, x.diff.e, t.m, t.e);
}

function exactWithinRelative(x: Exact, relative: number): boolean {
  const magnitude = x.expected.m < 0n ? -x.expected.m : x.expected.m;
  // Zero allows no error; this also keeps an infinite tolerance, which gets here only then, from decimalOf.
  if (magnitude === 0n) return x.diff.m === 0n;
  const r = decimalOf(relative);
  return atMost(x.diff.m, x.diff.e, r.m * magnitude, r.e + x.expected.e);
}
