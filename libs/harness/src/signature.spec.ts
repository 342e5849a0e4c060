import { checkHarnessSpec, parseType, snakeCase } from './signature';

describe('parseType', () => {
  it.each([
    ['int', { base: 'int', dims: 0 }],
    ['long', { base: 'long', dims: 0 }],
    ['double[]', { base: 'double', dims: 1 }],
    ['string[][]', { base: 'string', dims: 2 }],
    [' char [ ] ', { base: 'char', dims: 1 }],
    ['bool', { base: 'bool', dims: 0 }],
    ['ListNode', { base: 'ListNode', dims: 0 }],
    ['TreeNode', { base: 'TreeNode', dims: 0 }],
    ['list<int>', { base: 'int', dims: 1, list: true }],
    ['list< list<string> >', { base: 'string', dims: 2, list: true }],
  ])('%s', (text, type) => expect(parseType(text)).toEqual(type));

  it.each([
    ['float', /"float" is not a type/],
    ['int[][][]', /at most 2 dimensions/],
    ['ListNode[]', /arrays are of int/],
    ['void', /void is only a return type/],
    ['vector<int>', /is not a type/],
    [42, /42 is not a type/],
    ['list<int[]>', /list<int\[\]>: a list holds int, long, double, bool, string, char or lists of them/],
    ['list<ListNode>', /a list holds/],
    ['list<list<list<int>>>', /lists have at most 2 dimensions/],
    ['list<float>', /list<float>: "float" is not a type/],
  ])('refuses %s', (text, message) => expect(() => parseType(text)).toThrow(message));

  it('takes void where a return type is asked', () => expect(parseType('void', true)).toEqual({ base: 'void', dims: 0 }));
});

describe('checkHarnessSpec', () => {
  const fn = { name: 'twoSum', params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int[]' };
  const cls = { name: 'MinStack', constructor: { params: [] }, methods: [{ name: 'push', params: [{ name: 'val', type: 'int' }], returns: 'void' }] };

  it('takes keywords of one language as parameter names (its template escapes them)', () => {
    expect(checkHarnessSpec({ function: { ...fn, params: [{ name: 'val', type: 'int' }, { name: 'range', type: 'int' }] } })).toEqual([]);
  });

  it('accepts a function, a class, or neither', () => {
    expect(checkHarnessSpec({ function: fn })).toEqual([]);
    expect(checkHarnessSpec({ function: { ...fn, anyOrder: true } })).toEqual([]);
    expect(checkHarnessSpec({ class: cls })).toEqual([]);
    expect(checkHarnessSpec({ class: { name: 'Counter', methods: cls.methods } } as never)).toEqual([]);
    expect(checkHarnessSpec({})).toEqual([]);
  });

  it.each([
    [{ function: fn, class: cls }, 'function, class: a problem declares a function or a class, not both'],
    [{ function: { ...fn, name: '2sum' } }, 'function.name must be an identifier: a letter, then letters, digits or _ (at most 63)'],
    [{ function: { ...fn, name: 'delete' } }, 'function.name "delete" is reserved in one of the harness languages'],
    [{ function: { ...fn, name: 'ojMain' } }, 'function.name "ojMain" is reserved in one of the harness languages'],
    [{ function: { ...fn, params: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }] } }, 'function.params.1.name "a" is used twice'],
    [{ function: { ...fn, params: [{ name: 'a', type: 'int', extra: 1 }] } }, 'function.params.0.extra is not a known field (name, type)'],
    [{ function: { ...fn, returns: 'map' } }, 'function.returns: "map" is not a type (int, long, double, bool, string, char, T[], T[][], list<T>, list<list<T>>, ListNode, TreeNode, void)'],
    [{ function: { ...fn, params: [], returns: 'void' } }, 'function.returns: void needs a first parameter (the result is that parameter after the call)'],
    [{ function: { ...fn, anyOrder: 'yes' } }, 'function.anyOrder must be a boolean'],
    [{ function: { ...fn, params: 'nums' } }, 'function.params must be an array of { name, type }'],
    [{ class: { ...cls, methods: [] } }, 'class.methods must be a non-empty array of { name, params, returns }'],
    [{ class: { ...cls, constructor: { params: [{ name: 'n', type: 'size_t' }] } } }, 'class.constructor.params.0.type: "size_t" is not a type (int, long, double, bool, string, char, T[], T[][], list<T>, list<list<T>>, ListNode, TreeNode)'],
    [{ class: { ...cls, methods: [cls.methods[0], cls.methods[0]] } }, 'class.methods.1.name "push" is declared twice'],
    [{ function: { ...fn, name: 'range' } }, 'function.name "range" is reserved in one of the harness languages'],
    [{ class: { ...cls, methods: [{ ...cls.methods[0], name: 'select' }] } }, 'class.methods.0.name "select" is reserved in one of the harness languages'],
  ])('names the field at fault (%#)', (spec, message) => expect(checkHarnessSpec(spec as never)).toContain(message));
});

describe('snakeCase', () => {
  it.each([['twoSum', 'two_sum'], ['getMin', 'get_min'], ['reverseList', 'reverse_list'], ['maxDepth', 'max_depth'], ['LRUCache', 'lru_cache'], ['a', 'a']])(
    '%s → %s', (name, snake) => expect(snakeCase(name)).toBe(snake));
});
