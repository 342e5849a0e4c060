import { checkLines } from './lines.checker';

describe('checkLines (Judge0 comparison)', () => {
  const b = (s: string) => Buffer.from(s, 'latin1');
  it.each([
    ['hello\n', 'hello', true],
    ['hello', 'hello  \r\n\n\n', true],
    ['1\n2\n', '1  \n2\t\n', true],
    ['\nhello', 'hello', true],
    ['hello', 'Hello', false],
    ['1 2', '1  2', false],
    ['1\n2', '1 2', false],
    ['a\n\nb', 'a\nb', false],
    ['\xff\n', '\xff', true],
  ])('%j vs output %j → accepted %s', (answer, output, accepted) => {
    expect(checkLines(b(answer), b(output)).accepted).toBe(accepted);
  });

  it('names the first difference', () => {
    expect(checkLines(b('abc'), b('abd')).message).toMatch(/expected "c", got "d"/);
  });
});
