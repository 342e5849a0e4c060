import { shellWords } from './shell-words';

describe(shellWords.name, () => {
  it.each([
    ['', []],
    ['  -O2   -Wall ', ['-O2', '-Wall']],
    [`-DNAME='hello world' "a \\"b\\"" c\\ d`, ['-DNAME=hello world', 'a "b"', 'c d']],
    [`'' x`, ['', 'x']],
    ['$HOME `id`', ['$HOME', '`id`']],
  ])('%j → %j', (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });

  it.each([[`'open`, /single quote/], [`"open`, /double quote/], ['x\\', /backslash/]])('%j is refused', (line, why) => {
    expect(() => shellWords(line)).toThrow(why);
  });
});
