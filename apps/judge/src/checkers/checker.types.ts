/**
 * Verdict of an output checker on one test.
 *
 * `message` is meant for people: `"ok"` (or `"ok (within tolerance)"`) when accepted, otherwise the
 * first difference found, with its place in the contestant's output and both sides quoted and cut
 * to about 50 characters, e.g. `line 3, token 2: expected "42", got "41"`.
 */
export interface CheckResult {
  accepted: boolean;
  message: string;
}

/**
 * Flags of the token checker, named after the arguments of the ICPC / Kattis default output
 * validator (`case_sensitive`, `space_change_sensitive`, `float_absolute_tolerance`,
 * `float_relative_tolerance`; its `float_tolerance ε` is both tolerances set to ε).
 * All default to off: case and whitespace are ignored and numbers compare as strings.
 */
export interface TokenCheckerOptions {
  /** Letter case matters (ASCII letters only, as `strcmp` vs `strcasecmp` in the C locale). */
  caseSensitive?: boolean;
  /** Whitespace must match byte for byte, including the trailing newline and CR/LF. */
  spaceChangeSensitive?: boolean;
  /** A number passes when |expected − got| ≤ this. Ignored unless a number ≥ 0. */
  absoluteTolerance?: number;
  /** A number passes when |expected − got| ≤ this × |expected|. Ignored unless a number ≥ 0. */
  relativeTolerance?: number;
}

/** A problem's checker as far as the built-in checkers are concerned (custom ones run elsewhere). */
export interface CheckerSpec extends TokenCheckerOptions {
  /** `lines`: Judge0's comparison (see `checkLines`), for ad-hoc runs that ask for it. */
  type: 'tokens' | 'exact' | 'lines';
}
