import { jsonDepth } from './json-limits';

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['"[[[{{{"', 0],
    ['{}', 1],
    ['[[]]', 2],
    ['{"a":[{"b":"]]]}}}\\"[["}]}', 3],
    ['{"a":"\\\\"}', 1],
    ['[[1],[2],[[3]]]', 3],
  ])('%s has depth %d', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
    expect(jsonDepth(Buffer.from(text))).toBe(depth);
  });

  it('stops one past the cap, however deep the text goes', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(jsonDepth(deep, 32)).toBe(33);
    expect(jsonDepth(deep)).toBe(1_000_000);
  });

  it('counts multi-byte UTF-8 text as text', () => {
    expect(jsonDepth('{"é[":"\u{1F600}{"}')).toBe(1);
  });
});
