import { codeKey, CodeStore, KeyValueStore, pickLanguage } from './code-storage';

class MapStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
}

describe('CodeStore', () => {
  it('keeps code per problem and language', () => {
    const backing = new MapStore();
    const a = new CodeStore(backing);
    a.saveCode('aplusb', 'cpp', 'int main(){}');
    a.saveCode('aplusb', 'python3', 'print(1)');
    a.saveCode('other', 'cpp', '// other');
    // A new store over the same backing: as after a reload.
    const b = new CodeStore(backing);
    expect(b.loadCode('aplusb', 'cpp')).toBe('int main(){}');
    expect(b.loadCode('aplusb', 'python3')).toBe('print(1)');
    expect(b.loadCode('other', 'cpp')).toBe('// other');
    expect(b.loadCode('other', 'python3')).toBeUndefined();
    expect(backing.map.has(codeKey('aplusb', 'cpp'))).toBe(true);
  });

  it('forgets code saved empty, so the template shows again', () => {
    const s = new CodeStore(new MapStore());
    s.saveCode('p', 'c', 'x');
    s.saveCode('p', 'c', '');
    expect(s.loadCode('p', 'c')).toBeUndefined();
  });

  it('remembers the last language and the custom input', () => {
    const s = new CodeStore(new MapStore());
    expect(s.loadLanguage()).toBeUndefined();
    s.saveLanguage('rust');
    expect(s.loadLanguage()).toBe('rust');
    expect(s.loadInput('p')).toBe('');
    s.saveInput('p', '1 2\n');
    expect(s.loadInput('p')).toBe('1 2\n');
  });

  it('never throws when storage does', () => {
    const broken: KeyValueStore = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    const s = new CodeStore(broken);
    expect(() => s.saveCode('p', 'c', 'x')).not.toThrow();
    expect(() => s.saveCode('p', 'c', '')).not.toThrow();
    expect(s.loadCode('p', 'c')).toBeUndefined();
    expect(s.loadLanguage()).toBeUndefined();
  });
});

describe('pickLanguage', () => {
  it('prefers the remembered language when still offered', () => {
    expect(pickLanguage(['c', 'cpp', 'python3'], 'python3')).toBe('python3');
  });
  it('falls back to a language with a template, then the first', () => {
    expect(pickLanguage(['c', 'cpp', 'python3'], 'haskell', { cpp: 'class Solution {};' })).toBe('cpp');
    expect(pickLanguage(['c', 'cpp'], undefined)).toBe('c');
    expect(pickLanguage([], 'c')).toBeUndefined();
  });
});
