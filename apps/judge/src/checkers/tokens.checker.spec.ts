import { TokenCheckerOptions } from './checker.types';
import { checkTokens } from './tokens.checker';

/** Strings here stand for bytes: "\xff" is the byte 0xff, not the UTF-8 of ÿ. */
const bytes = (s: string) => Buffer.from(s, 'latin1');
const run = (answer: string | Buffer, output: string | Buffer, options?: TokenCheckerOptions) =>
  checkTokens(typeof answer === 'string' ? bytes(answer) : answer, typeof output === 'string' ? bytes(output) : output, options);

const ABS = (absoluteTolerance: number): TokenCheckerOptions => ({ absoluteTolerance });
const REL = (relativeTolerance: number): TokenCheckerOptions => ({ relativeTolerance });
const BOTH = (absoluteTolerance: number, relativeTolerance: number): TokenCheckerOptions => ({ absoluteTolerance, relativeTolerance });
const SPACE: TokenCheckerOptions = { spaceChangeSensitive: true };
const CASE: TokenCheckerOptions = { caseSensitive: true };

describe('checkTokens', () => {
  describe('whitespace, by default any run of it is one separator', () => {
    it.each<[string, string, boolean]>([
      ['1 2 3\n', '1 2 3\n', true],
      ['1 2 3\n', '1 2 3', true], // trailing newline absent
      ['1 2 3', '1 2 3\n', true], // trailing newline present
      ['1 2 3\n', '1 2 3\n\n\n', true], // extra blank lines at the end
      ['1\n2\n', '1 \n2  \n', true], // trailing spaces per line
      ['1\n2\n', '1\t\n2\t \t\n', true], // trailing tabs
      ['1\n2\n', '1\r\n2\r\n', true], // CRLF output, LF answer
      ['1\r\n2\r\n', '1\n2\n', true], // LF output, CRLF answer
      ['1\r\n2\r\n', '1\r\n2\r\n', true],
      ['1 2\n', '  \n\n 1     2', true], // leading whitespace and blank lines
      ['1 2 3 4 5', '1\t2\v3\f4\r5', true], // every isspace byte separates
      ['1\n2\n3\n', '1 2 3', true], // newlines vs spaces
      ['', '', true], // empty answer, empty output
      ['', ' \n\t\r\n', true], // whitespace-only output, empty answer
      ['\n', '', true],
      ['5\n', '', false], // empty output, non-empty answer
      ['5\n', ' \n\r\n', false], // whitespace-only output
      ['1 2\n', '12\n', false], // tokens joined
      ['12\n', '1 2\n', false], // token split
      ['1 2\n', '1 2 3\n', false], // extra token
      ['1 2 3\n', '1 2\n', false], // missing token
      ['', 'x', false], // output for an empty answer
      ['1 2\n', '1\xa02\n', false], // NBSP is not whitespace (C locale)
      ['1 2\n', '1\x852\n', false], // nor is NEL
      ['1 2\n', '1\x002\n', false], // nor is NUL
    ])('%j vs %j → %s', (answer, output, accepted) => {
      expect(run(answer, output).accepted).toBe(accepted);
    });
  });

  describe('letter case', () => {
    it.each<[string, string, TokenCheckerOptions, boolean]>([
      ['YES\n', 'yes\n', {}, true],
      ['Yes\n', 'yES\n', {}, true],
      ['YES\n', 'yes\n', CASE, false],
      ['YES\n', 'YES\n', CASE, true],
      ['Hello World\n', 'hello world\n', { caseSensitive: false }, true],
      ['[a]\n', '[A]\n', {}, true],
      ['@\n', '`\n', {}, false], // 0x40 vs 0x60 differ in bit 0x20 but are not letters
      ['[\n', '{\n', {}, false],
      ['\xe9\n', '\xc9\n', {}, false], // latin1 é/É: only ASCII letters fold
      ['1e5\n', '1E5\n', {}, true], // numbers without tolerance are text: case folds
      ['1e5\n', '1E5\n', CASE, false],
      ['inf\n', 'INF\n', {}, true],
    ])('%j vs %j with %j → %s', (answer, output, options, accepted) => {
      expect(run(answer, output, options).accepted).toBe(accepted);
    });

    it('folds only ASCII in UTF-8 text too', () => {
      expect(run(Buffer.from('café\n'), Buffer.from('CAFé\n')).accepted).toBe(true);
      expect(run(Buffer.from('café\n'), Buffer.from('CAFÉ\n')).accepted).toBe(false);
    });
  });

  describe('spaceChangeSensitive: whitespace must match byte for byte', () => {
    it.each<[string, string, boolean]>([
      ['1 2\n3\n', '1 2\n3\n', true], // same
      ['1 2\n', '1  2\n', false], // extra space
      ['1  2\n', '1 2\n', false], // missing space
      ['1\n2\n', '1 2\n', false], // space for a newline
      ['1 2\n', '1\n2\n', false], // newline for a space
      ['1 2\n', '1\t2\n', false], // tab for a space
      ['1 2\n', '1 2', false], // missing trailing newline
      ['1 2', '1 2\n', false], // extra trailing newline
      ['1 2\n', '1 2\n\n', false], // extra blank line
      ['1 2\n', '1 2 \n', false], // trailing space
      ['1 2\n', ' 1 2\n', false], // leading space
      ['1 2\n', '1 2\r\n', false], // CRLF for LF
      ['1 2\r\n', '1 2\n', false], // LF for CRLF
      ['1 2\r\n', '1 2\r\n', true],
      ['', '', true],
      ['', '\n', false],
      ['\n', '\n', true],
      ['YES\n', 'yes\n', true], // still case-insensitive
      ['1 2\n', '1 3\n', false], // and tokens still matter
      ['1 2\n', '1 2\nextra', false],
    ])('%j vs %j → %s', (answer, output, accepted) => {
      expect(run(answer, output, SPACE).accepted).toBe(accepted);
    });
  });

  describe('numbers with tolerances', () => {
    it.each<[string, string, string, TokenCheckerOptions, boolean]>([
      // Absolute tolerance: |expected − got| ≤ abs, boundary included.
      ['abs: at the boundary, above', '1.5', '1.6', ABS(0.1), true],
      ['abs: at the boundary, below', '1.5', '1.4', ABS(0.1), true],
      ['abs: just over, above', '1.5', '1.6000000001', ABS(0.1), false],
      ['abs: just over, below', '1.5', '1.3999999999', ABS(0.1), false],
      ['abs: over by 1e-17, beyond double precision', '1.5', '1.60000000000000001', ABS(0.1), false],
      ['abs: binary-exact boundary', '1', '1.5', ABS(0.5), true],
      ['abs: binary-exact, just over', '1', '1.5000001', ABS(0.5), false],
      ['abs: 1e-6 at the boundary', '0', '0.000001', ABS(1e-6), true],
      ['abs: 1e-6 just over', '0', '0.0000010000001', ABS(1e-6), false],
      ['abs: negative numbers', '-2.5', '-2.499999', ABS(1e-6), true],
      ['abs: inside', '3.14159', '3.1416', ABS(1e-4), true],
      ['abs: zero tolerance, same value', '2', '2.000', ABS(0), true],
      ['abs: zero tolerance, other value', '2', '2.0000000000000000001', ABS(0), false],
      ['abs: -0 equals 0', '0', '-0', ABS(0), true],
      ['abs: infinite tolerance', '1', '-1e300', ABS(Infinity), true],
      // Relative tolerance: |expected − got| ≤ rel × |expected|, the answer's value.
      ['rel: at the boundary, above', '100', '100.0001', REL(1e-6), true],
      ['rel: at the boundary, below', '100', '99.9999', REL(1e-6), true],
      ['rel: just over', '100', '100.00010001', REL(1e-6), false],
      ['rel: just over, below', '100', '99.99989999', REL(1e-6), false],
      ['rel: negative expected', '-100', '-100.0001', REL(1e-6), true],
      ['rel: 1000 vs 1001 at 0.001', '1000', '1001', REL(0.001), true],
      ['rel: 1000 vs 1001.000001 at 0.001', '1000', '1001.000001', REL(0.001), false],
      ['rel: relative to the answer (11 > 0.1 × 100)', '100', '111', REL(0.1), false],
      ['rel: relative to the answer (11 ≤ 0.1 × 111)', '111', '100', REL(0.1), true],
      ['rel: zero answer allows no error', '0', '1e-300', REL(0.5), false],
      ['rel: zero answer, zero output', '0', '0.0', REL(0.5), true],
      ['rel: zero answer, infinite tolerance', '0', '1', REL(Infinity), false],
      ['rel: zero answer respelled, infinite tolerance', '0', '0.0', REL(Infinity), true],
      ['rel: zero answer vs -0, infinite tolerance', '-0', '0e5', REL(Infinity), true],
      ['rel: infinite tolerance', '1', '1e300', REL(Infinity), true],
      ['rel: large values', '123456789012', '123456789013', REL(1e-11), true],
      ['rel: large values, over', '123456789012', '123456789014', REL(1e-11), false],
      // Both: either tolerance is enough.
      ['both: relative passes at its boundary', '1000000', '1000001', BOTH(1e-6, 1e-6), true],
      ['both: relative just over, absolute far over', '1000000', '1000001.000001', BOTH(1e-6, 1e-6), false],
      ['both: absolute passes at its boundary', '0.001', '0.001001', BOTH(1e-6, 1e-6), true],
      ['both: absolute just over, relative far over', '0.001', '0.0010010001', BOTH(1e-6, 1e-6), false],
      ['both: small values by absolute', '1e-9', '5e-7', BOTH(1e-6, 1e-6), true],
      ['both: float_tolerance style', '2.5', '2.5000025', BOTH(1e-6, 1e-6), true],
      ['both: float_tolerance style, over', '2.5', '2.5000026', BOTH(1e-6, 1e-6), false],
      // Any decimal spelling of the value.
      ['exponent vs plain', '1e-7', '0.0000001', ABS(0), true],
      ['plain vs exponent', '0.0000001', '1E-7', ABS(0), true],
      ['exponent with + and capital E', '1E+300', '1e300', REL(0), true],
      ['mantissa and exponent moved', '12.5e-3', '0.0125', ABS(0), true],
      ['leading zeros and sign', '+007.50', '7.5', ABS(0), true],
      ['trailing point', '3.', '3', ABS(0), true],
      ['leading point', '.5', '0.5', ABS(0), true],
      ['1.0 vs 1 with a tolerance', '1.0', '1', ABS(1e-9), true],
      ['different exponent spelling, different value', '1e-7', '0.000001', ABS(1e-9), false],
      // Infinities and NaN (DOMjudge semantics).
      ['inf vs inf', 'inf', 'inf', ABS(1e-6), true],
      ['inf vs INF', 'inf', 'INF', { absoluteTolerance: 1e-6, caseSensitive: true }, true],
      ['inf vs Infinity', 'inf', 'Infinity', ABS(1e-6), true],
      ['inf vs +inf', 'inf', '+inf', ABS(1e-6), true],
      ['-inf vs -inf', '-inf', '-inf', ABS(1e-6), true],
      ['-inf vs -Infinity', '-inf', '-Infinity', ABS(1e-6), true],
      ['inf vs -inf', 'inf', '-inf', ABS(1e-6), false],
      ['-inf vs inf', '-inf', 'inf', ABS(1e-6), false],
      ['inf vs a big number', 'inf', '1e308', REL(1), false],
      ['inf vs an overflowing literal', 'inf', '1e400', REL(1), false],
      ['a number vs inf', '1', 'inf', ABS(Infinity), false],
      ['nan vs nan', 'nan', 'nan', ABS(1e-6), true],
      ['nan vs NaN', 'nan', 'NaN', ABS(1e-6), true],
      ['nan vs -nan', 'nan', '-nan', ABS(1e-6), true],
      ['nan vs a number', 'nan', '0', ABS(Infinity), false],
      ['nan vs inf', 'nan', 'inf', ABS(1e-6), false],
      ['a number vs nan', '0', 'nan', ABS(Infinity), false],
      ['inf vs nan', 'inf', 'nan', ABS(1e-6), false],
      // Numbers vs words.
      ['a number vs a word', '1.5', 'abc', ABS(1e-6), false],
      ['a number vs a number with junk', '1.5', '1.5x', ABS(1e-6), false],
      ['a number vs a comma decimal', '1.5', '1,5', ABS(1e-6), false],
      ['a number vs a hex float', '1.5', '0x1.8p0', ABS(1e-6), false],
      ['a number vs a bare exponent', '1', '1e', ABS(1e-6), false],
      ['a number vs a sign', '0', '-', ABS(1e-6), false],
      ['a number vs a point', '0', '.', ABS(1e-6), false],
      ['a word is compared as text', 'abc', 'ABC', ABS(1e-6), true],
      ['a word vs a number', 'abc', '1', ABS(1e-6), false],
      ['hex in the answer is text', '0x10', '16', ABS(1e-6), false],
      ['hex in the answer is text, case folds', '0x10', '0X10', ABS(1e-6), true],
      ['words and numbers on a line', 'Case #1: 0.5 yes', 'case #1: 0.50000001 YES', ABS(1e-6), true],
      ['words and numbers on a line, a word differs', 'Case #1: 0.5 yes', 'Case #1: 0.5 no', ABS(1e-6), false],
      // Huge and tiny exponents: finite literals stay finite, compared scaled.
      ['1e400 vs itself', '1e400', '1e400', ABS(1e-6), true],
      ['1e400 vs 1.0e400', '1e400', '1.0e400', ABS(1e-6), true],
      ['1e400 vs 10e399', '1e400', '10e399', REL(1e-9), true],
      ['1e400 vs 1.0000000001e400 by relative', '1e400', '1.0000000001e400', REL(1e-9), true],
      ['1e400 vs 1.01e400 by relative', '1e400', '1.01e400', REL(1e-9), false],
      ['1e400 vs 2e400', '1e400', '2e400', BOTH(1e-6, 1e-6), false],
      ['1e400 vs 1.0000000001e400 by absolute', '1e400', '1.0000000001e400', ABS(1e-6), false],
      ['-1e400 vs -1e400', '-1e400', '-1.00e400', ABS(1e-6), true],
      ['-1e400 vs 1e400', '-1e400', '1e400', REL(1), false],
      ['1e400 vs 1e308', '1e400', '1e308', REL(0.5), false],
      ['1e400 vs inf', '1e400', 'inf', REL(1), false],
      ['1e400 vs Infinity', '1e400', 'Infinity', REL(1), false],
      ['1e-400 vs 0 by absolute', '1e-400', '0', ABS(1e-9), true],
      ['1e-400 vs 2e-400 by absolute', '1e-400', '2e-400', ABS(1e-9), true],
      ['1e-400 vs 2e-400 by relative', '1e-400', '2e-400', REL(0.1), false],
      ['1e-400 vs 1.05e-400 by relative', '1e-400', '1.05e-400', REL(0.1), true],
      ['0 vs 1e-400 with zero tolerance', '0', '1e-400', ABS(0), false],
      ['giant exponents, same', '1e99999999999', '1.0e99999999999', ABS(1e-6), true],
      ['giant exponents, different', '1e99999999999', '1e99999999998', REL(0.5), false],
      ['giant negative exponent vs 0', '1e-99999999999', '0', ABS(1e-300), true],
      ['1.7976931348623157e308 (max double) vs 1.8e308', '1.7976931348623157e308', '1.8e308', REL(0.01), true],
      ['1.8e308 vs itself respelled', '1.8e308', '18e307', REL(0), true],
    ])('%s: %j vs %j with %j', (_name, answer, output, options, accepted) => {
      expect(run(answer, output, options).accepted).toBe(accepted);
    });

    it.each<[string, string, TokenCheckerOptions]>([
      ['1.0', '1', {}], // without tolerance numbers are text
      ['1e-7', '0.0000001', {}],
      ['0.5', '.5', {}],
      ['1.0', '1', { absoluteTolerance: -1 }], // a negative tolerance is none, as in the reference
      ['1.0', '1', { relativeTolerance: Number.NaN }],
    ])('%j vs %j with %j compares as text: wrong answer', (answer, output, options) => {
      expect(run(answer, output, options).accepted).toBe(false);
    });

    it('applies the tolerance token by token over many lines', () => {
      const answer = Array.from({ length: 1000 }, (_, i) => `${i} ${i / 7}`).join('\n');
      const close = Array.from({ length: 1000 }, (_, i) => `${i} ${(i / 7 + 5e-7).toFixed(9)}`).join('\r\n');
      const far = close.replace(/^500 \S+/m, '500 0');
      expect(run(answer, close, ABS(1e-6))).toEqual({ accepted: true, message: 'ok (within tolerance)' });
      expect(run(answer, far, ABS(1e-6))).toMatchObject({ accepted: false, message: expect.stringMatching(/^line 501, token 2: /) });
    });
  });

  describe('bytes that are not UTF-8', () => {
    it.each<[string, Buffer, Buffer, boolean]>([
      ['same invalid bytes', Buffer.from([0xff, 0xfe, 0x20, 0x80]), Buffer.from([0xff, 0xfe, 0x0a, 0x80, 0x0a]), true],
      ['different invalid bytes', Buffer.from([0xff, 0xfe]), Buffer.from([0xff, 0xfd]), false],
      ['truncated UTF-8 sequence', Buffer.from('é'), Buffer.from('é').subarray(0, 1), false],
      ['NUL bytes inside tokens', Buffer.from([0x61, 0x00, 0x62]), Buffer.from([0x61, 0x00, 0x62, 0x0a]), true],
      ['latin1 text', bytes('gr\xfc\xdfe\n'), bytes('GR\xfc\xdfE'), true],
      ['UTF-8 vs latin1 of the same word', Buffer.from('grüße'), bytes('gr\xfc\xdfe'), false],
      ['invalid bytes where a number is expected', bytes('1.5'), Buffer.from([0x31, 0x2e, 0xff]), false],
    ])('%s', (_name, answer, output, accepted) => {
      expect(run(answer, output, ABS(1e-6)).accepted).toBe(accepted);
      expect(run(answer, output).accepted).toBe(accepted);
    });

    it('never throws on arbitrary bytes, whatever the options', () => {
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const noise = () => Buffer.from(Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256)));
      const optionSets = [{}, SPACE, CASE, ABS(0.5), REL(0.5), BOTH(0, 0)];
      for (let i = 0; i < 2000; i++) {
        const answer = noise();
        for (const options of optionSets) {
          for (const output of [noise(), answer]) {
            const result = checkTokens(answer, output, options);
            expect(typeof result.message).toBe('string');
            if (output === answer) expect(result.accepted).toBe(true);
          }
        }
      }
    });
  });

  describe('messages', () => {
    it.each<[string, string, string, TokenCheckerOptions, string]>([
      ['accepted', '1 2\n', '1 2', {}, 'ok'],
      ['accepted thanks to a tolerance', '0.5', '0.50000001', ABS(1e-6), 'ok (within tolerance)'],
      ['accepted, numbers spelled the same', '0.5', '0.5', ABS(1e-6), 'ok'],
      ['line and token of the output', '1\n2\n3 42\n', '1\n2\n3 41\n', {}, 'line 3, token 2: expected "42", got "41"'],
      ['lines of the output, not of the answer', '1 2 3 4', '1\r\n\r\n2 3\n\nX', {}, 'line 5, token 1: expected "4", got "X"'],
      ['output ended early', '1 2 3 4 5 6 5\n', '1 2 3 4 5 6\n', {}, 'output ended early: expected "5" (token 7)'],
      ['output empty', '5\n', '', {}, 'output ended early: expected "5" (token 1); the output is empty'],
      ['output only whitespace', '5\n', ' \r\n', {}, 'output ended early: expected "5" (token 1); the output is only whitespace'],
      ['extra output', '1\n2\n', '1\n2\nfoo bar\n', {}, 'extra output after the answer: "foo" (line 3, token 1)'],
      ['extra output on the last line', '1 2', '1 2 3', {}, 'extra output after the answer: "3" (line 1, token 3)'],
      ['difference too large', '1.5', '1.6000001', ABS(0.1), 'line 1, token 1: expected "1.5", got "1.6000001" (difference 0.1000001 > absolute tolerance 0.1)'],
      ['difference just over, printed with enough digits', '100', '100.00010001', REL(1e-6),
        'line 1, token 1: expected "100", got "100.00010001" (difference 0.00010001 > relative tolerance 0.000001 × 100 = 0.0001)'],
      ['both tolerances', '1', '2', BOTH(0.1, 0.01),
        'line 1, token 1: expected "1", got "2" (difference 1 > absolute tolerance 0.1 and > relative tolerance 0.01 × 1 = 0.01)'],
      ['huge numbers', '1e400', '2e400', REL(1e-9), 'line 1, token 1: expected "1e400", got "2e400" (difference 1e+400 > relative tolerance 1e-9 × |expected|)'],
      ['not a number', 'x 1.5', 'x abc', ABS(1e-6), 'line 1, token 2: expected "1.5", got "abc" (not a number)'],
      ['NaN expected', 'nan', '0', ABS(1), 'line 1, token 1: expected "nan", got "0" (NaN expected)'],
      ['infinity expected', '-inf', 'inf', ABS(1), 'line 1, token 1: expected "-inf", got "inf" (-infinity expected)'],
      ['finite expected', '1e400', 'inf', ABS(1), 'line 1, token 1: expected "1e400", got "inf" (a finite number expected)'],
      ['space change: extra space', '1 2\n', '1  2\n', SPACE, 'line 1, after token 1: expected whitespace " ", got whitespace "  "'],
      ['space change: newline vs space', '1\n2\n', '1 2\n', SPACE, 'line 1, after token 1: expected whitespace "\\n", got whitespace " "'],
      ['space change: CRLF', '1\n2\n', '1\n2\r\n', SPACE, 'line 2, after token 1: expected whitespace "\\n", got whitespace "\\r\\n"'],
      ['space change: missing final newline', '1 2\n', '1 2', SPACE, 'line 1, after token 2: expected whitespace "\\n", got end of output'],
      ['space change: extra final newline', '1 2', '1 2\n', SPACE, 'line 1, after token 2: expected end of output, got whitespace "\\n"'],
      ['space change: leading space', '1', ' 1', SPACE, 'line 1, before token 1: expected no whitespace, got whitespace " "'],
      ['space change: missing leading space', ' 1', '1', SPACE, 'line 1, before token 1: expected whitespace " ", got no whitespace'],
      ['quotes and backslashes escaped', 'a"b', 'a\\b', {}, 'line 1, token 1: expected "a\\"b", got "a\\\\b"'],
      ['control and invalid bytes escaped', 'a\x01b', 'a\xffb', {}, 'line 1, token 1: expected "a\\x01b", got "a\\xffb"'],
    ])('%s', (_name, answer, output, options, message) => {
      expect(run(answer, output, options).message).toBe(message);
    });

    it('shows valid UTF-8 as text', () => {
      expect(run(Buffer.from('x café'), Buffer.from('x cafe')).message).toBe('line 1, token 2: expected "café", got "cafe"');
    });

    it('cuts long tokens to 50 bytes and says how long they were', () => {
      const result = run('a'.repeat(1000), 'b'.repeat(70000));
      expect(result.message).toBe(`line 1, token 1: expected "${'a'.repeat(50)}…" (1000 bytes), got "${'b'.repeat(50)}…" (70000 bytes)`);
    });

    it('does not cut a UTF-8 character in half', () => {
      const answer = Buffer.from('a'.repeat(49) + 'ééé');
      expect(run(answer, Buffer.from('x')).message).toBe(`line 1, token 1: expected "${'a'.repeat(49)}…" (55 bytes), got "x"`);
    });
  });

  describe('long outputs', () => {
    const lines = 1_000_000;
    const answer = Buffer.from(Array.from({ length: lines }, (_, i) => `${i} ${i * 3}`).join('\n') + '\n');

    it('accepts a million lines, also with CRLF', () => {
      expect(run(answer, answer).accepted).toBe(true);
      expect(run(answer, Buffer.from(answer.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')).accepted).toBe(true);
      expect(run(answer, answer, SPACE).accepted).toBe(true);
    });

    it('finds a difference on the last line and reports its number', () => {
      const output = Buffer.from(answer);
      output[output.length - 2] ^= 1; // last digit of the last line
      expect(run(answer, output).message).toMatch(new RegExp(`^line ${lines}, token 2: `));
    });

    it('reports a missing last line', () => {
      const output = answer.subarray(0, answer.lastIndexOf('\n', answer.length - 2) + 1);
      expect(run(answer, output).message).toBe(`output ended early: expected "${lines - 1}" (token ${2 * lines - 1})`);
    });

    it('compares one 20 MB token', () => {
      const big = Buffer.alloc(20 << 20, 0x61);
      const other = Buffer.from(big);
      other[other.length - 1] = 0x62;
      expect(run(big, Buffer.from(big)).accepted).toBe(true);
      expect(run(big, other, CASE).accepted).toBe(false);
    });

    it('compares numbers in tens of megabytes with tolerances', () => {
      const count = 2_000_000;
      const values = Array.from({ length: count }, (_, i) => (i * 1.2345678).toFixed(6));
      const expected = Buffer.from(values.join(' '));
      const respelled = Buffer.from(values.map((v) => `${v}0`).join('\n'));
      expect(run(expected, respelled, BOTH(1e-6, 1e-6))).toEqual({ accepted: true, message: 'ok (within tolerance)' });
    });
  });
});
