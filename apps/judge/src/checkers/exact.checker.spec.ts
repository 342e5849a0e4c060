import { checkExact } from './exact.checker';

/** Strings here stand for bytes: "\xff" is the byte 0xff, not the UTF-8 of ÿ. */
const bytes = (s: string) => Buffer.from(s, 'latin1');
const run = (answer: string | Buffer, output: string | Buffer) =>
  checkExact(typeof answer === 'string' ? bytes(answer) : answer, typeof output === 'string' ? bytes(output) : output);

describe('checkExact', () => {
  it.each<[string, string, boolean]>([
    ['1 2 3\n', '1 2 3\n', true], // identical
    ['', '', true], // both empty
    ['\xff\xfe\x00\n', '\xff\xfe\x00\n', true], // any bytes
    ['1 2 3\n', '1 2 3', false], // trailing newline missing
    ['1 2 3', '1 2 3\n', false], // trailing newline extra
    ['1\n2\n', '1\r\n2\r\n', false], // CRLF for LF
    ['1\r\n', '1\n', false], // LF for CRLF
    ['1 2\n', '1 2 \n', false], // trailing space
    ['1 2\n', '1  2\n', false], // space change
    ['YES\n', 'yes\n', false], // letter case
    ['1.0\n', '1\n', false], // numbers are bytes too
    ['x\n', '', false], // empty output
    ['', '\n', false], // output for an empty answer
    ['\xff\n', '\xfe\n', false], // invalid UTF-8, one bit apart
  ])('%j vs %j → %s', (answer, output, accepted) => {
    expect(run(answer, output).accepted).toBe(accepted);
  });

  it.each<[string, string, string, string]>([
    ['identical', 'a\nb\n', 'a\nb\n', 'ok'],
    ['first byte', 'abc', 'xbc', 'first difference at byte offset 0 (line 1, column 1): expected "abc", got "xbc"'],
    ['on a later line', '1 2\n3 4\n', '1 2\n3 5\n', 'first difference at byte offset 6 (line 2, column 3): expected "4\\n", got "5\\n"'],
    ['missing final newline', '1 2\n', '1 2', 'output ended early at byte offset 3 (line 1, column 4): expected "\\n"'],
    ['empty output', 'x\n', '', 'output ended early at byte offset 0 (line 1, column 1): expected "x\\n"'],
    ['extra final newline', '1 2', '1 2\n', 'extra output at byte offset 3 (line 1, column 4): "\\n"'],
    ['extra line', '1\n', '1\njunk\n', 'extra output at byte offset 2 (line 2, column 1): "junk\\n"'],
    ['CRLF', 'a\nb\n', 'a\r\nb\r\n', 'first difference at byte offset 1 (line 1, column 2): expected "\\nb\\n", got "\\r\\nb\\r\\n"'],
    ['invalid UTF-8', 'a\xffz', 'a\xfez', 'first difference at byte offset 1 (line 1, column 2): expected "\\xffz", got "\\xfez"'],
  ])('message: %s', (_name, answer, output, message) => {
    expect(run(answer, output).message).toBe(message);
  });

  it('shows 30 bytes of each side from the difference', () => {
    const result = run('x' + 'a'.repeat(100), 'x' + 'b'.repeat(100));
    expect(result.message).toBe(`first difference at byte offset 1 (line 1, column 2): expected "${'a'.repeat(30)}…", got "${'b'.repeat(30)}…"`);
  });

  describe('long outputs', () => {
    const lines = 500_000;
    const answer = Buffer.from(Array.from({ length: lines }, (_, i) => `${i} ${i * 7}\n`).join(''));

    it('accepts a copy', () => {
      expect(run(answer, Buffer.from(answer))).toEqual({ accepted: true, message: 'ok' });
    });

    it('finds the first difference deep in the output, past any chunking', () => {
      const output = Buffer.from(answer);
      const offset = answer.indexOf('\n123456 ') + 1 + 7; // first digit of 123456 × 7
      output[offset] = 0x78;
      expect(run(answer, output).message).toMatch(
        new RegExp(`^first difference at byte offset ${offset} \\(line 123457, column 8\\): expected "864192\\\\n123457 `),
      );
    });

    it('reports a missing last newline at the end', () => {
      const output = answer.subarray(0, answer.length - 1);
      expect(run(answer, output).message).toBe(`output ended early at byte offset ${answer.length - 1} (line ${lines}, column ${`${lines - 1} ${(lines - 1) * 7}`.length + 1}): expected "\\n"`);
    });
  });
});
