import { LANGUAGE_IDS } from '@app/contracts';
import { JUDGE0_LANGUAGES, judge0IdOf, judge0Language, OWN_ID_BASE, sourceFileName } from './judge0-languages';

describe('Judge0 language ids', () => {
  it('gives every language of ours exactly one listed id, and no id twice', () => {
    expect(JUDGE0_LANGUAGES.map((l) => l.language).sort()).toEqual([...LANGUAGE_IDS].sort());
    const ids = JUDGE0_LANGUAGES.flatMap((l) => [l.id, ...l.aliases]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps Judge0 CE ids for the languages we share, ours past every CE id', () => {
    expect([judge0IdOf('c'), judge0IdOf('cpp'), judge0IdOf('java'), judge0IdOf('javascript'), judge0IdOf('python3'), judge0IdOf('rust')]).toEqual([50, 54, 62, 63, 71, 73]);
    expect(JUDGE0_LANGUAGES.filter((l) => l.id >= OWN_ID_BASE).map((l) => l.language)).toEqual(expect.arrayContaining(['c99', 'cpp20', 'pypy3', 'racket']));
    expect(judge0Language(89)).toMatchObject({ entry: { id: 89, language: 'bash', label: 'Multi-file program' }, archived: false });
    expect(judge0IdOf('bash')).toBe(46);
  });

  it('names a single source as our judge would beside additional files', () => {
    expect(sourceFileName(judge0Language(54)!.entry, 'int main(){}')).toBe('main.cpp');
    expect(sourceFileName(judge0Language(62)!.entry, '/* public class X */ public final class Solver { }')).toBe('Solver.java');
    expect(sourceFileName(judge0Language(62)!.entry, 'class A {}')).toBe('Main.java');
    expect(sourceFileName(judge0Language(58)!.entry, '-module(hello).\n')).toBe('hello.erl');
  });

  it('accepts CE aliases as archived ids of the same language', () => {
    expect(judge0Language(52)).toMatchObject({ entry: { language: 'cpp' }, archived: true });
    expect(judge0Language(54)).toMatchObject({ entry: { language: 'cpp' }, archived: false });
    expect(judge0Language(999)).toBeUndefined();
  });
});
