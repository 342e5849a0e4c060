import { JsonNumber, parseJson } from './json';
import { parseType } from './signature';
import { checkTestData, TestDataError, valueError, wireInput } from './values';

describe('parseJson', () => {
  it('keeps every digit of a number', () => {
    const v = parseJson('[9223372036854775807,-0.1e-3]') as JsonNumber[];
    expect(v.map((n) => n.text)).toEqual(['9223372036854775807', '-0.1e-3']);
    expect(v[0].isInteger).toBe(true);
    expect(v[1].isInteger).toBe(false);
  });

  it.each(['[1,]', '01', '"a', '[1] 2', 'NaN', "'a'"])('refuses %s', (text) => expect(() => parseJson(text)).toThrow(/at offset/));

  it('reads escapes and surrogate pairs', () => expect(parseJson('"a\\"\\\\\\n\\u00e9\\ud83d\\ude00"')).toBe('a"\\\n\u00e9\u{1F600}'));
});

describe('valueError', () => {
  const ok = (type: string, json: string) => valueError(parseType(type, true), parseJson(json));
  it.each([
    ['int', '-2147483648'], ['long', '9223372036854775807'], ['double', '1e-9'], ['double', '3'], ['bool', 'false'],
    ['char', '"a"'], ['string', '"héllo"'], ['int[]', '[]'], ['int[][]', '[[1],[2,3],[]]'], ['string[]', '["a",""]'],
    ['ListNode', '[1,2,3]'], ['TreeNode', '[3,9,20,null,null,15,7]'], ['TreeNode', '[]'], ['TreeNode', '[1,null,2,null,3]'], ['void', 'null'],
    ['list<int>', '[1,2]'], ['list<list<string>>', '[["a"],[]]'],
  ])('%s accepts %s', (type, json) => expect(ok(type, json)).toBeNull());

  it.each([
    ['int', '2147483648', /out of the int range/],
    ['int', '1.5', /expected int \(an integer\)/],
    ['long', '9223372036854775808', /out of the long range/],
    ['double', '"1"', /expected double/],
    ['bool', '1', /expected bool/],
    ['char', '"ab"', /one-character ASCII string/],
    ['char', '"é"', /one-character ASCII string/],
    ['string', '"a\\u0000b"', /NUL/],
    ['string', '"\\ud800"', /lone surrogate/],
    ['int[]', '[1,"2"]', /^\[1\]: expected int/],
    ['int[][]', '[[1],2]', /^\[1\]: expected int\[\]/],
    ['TreeNode', '[null,1]', /root must not be null/],
    ['TreeNode', '[1,null,null,2]', /\[3\]: no node left to be its parent/],
    ['ListNode', '{"val":1}', /expected ListNode/],
    ['list<list<int>>', '[[1],2]', /^\[1\]: expected list<int> \(a JSON array\)/],
  ])('%s refuses %s', (type, json, message) => expect(ok(type, json)).toMatch(message));
});

describe('checkTestData and wireInput', () => {
  const twoSum = { function: { name: 'twoSum', params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int[]' } };
  const design = {
    class: {
      name: 'Bag', constructor: { params: [{ name: 'words', type: 'string[]' }] },
      methods: [{ name: 'add', params: [{ name: 'w', type: 'string' }, { name: 'n', type: 'long' }], returns: 'void' }, { name: 'has', params: [{ name: 'w', type: 'char' }], returns: 'bool' }],
    },
  };

  it('accepts LeetCode\'s forms (CRLF and trailing blank lines too)', () => {
    expect(() => checkTestData(twoSum, '[2,7,11,15]\r\n9\r\n\r\n', '[0,1]\n')).not.toThrow();
    expect(() => checkTestData(design, '["Bag","add","has"]\n[[["x"]],["y",5],["y"]]\n', '[null,null,true]')).not.toThrow();
  });

  it.each([
    [twoSum, '[1,2]\n', '[0]', 'input has 1 lines for 2 parameters (nums, target): one JSON value per line'],
    [twoSum, '[1,2]\n3 4\n', '[0]', 'input line 2 (target) is not JSON: unexpected text after the value at offset 2'],
    [twoSum, '[1,2]\n3\n', '0', 'output (int[]): expected int[] (a JSON array), got 0'],
    [design, '["Bag","add"]\n[[[]]]\n', '[null,null]', 'input line 2: expected a JSON array of 2 argument lists, one per call'],
    [design, '["Sack"]\n[[[]]]\n', '[null]', 'input line 1: the first call must be the constructor "Bag", got "Sack"'],
    [design, '["Bag","has"]\n[[[]],["yy"]]\n', '[null,true]', 'input line 2, call 2 (has), w: expected char (a one-character ASCII string), got "yy"'],
    [design, '["Bag","has"]\n[[[]],["y"]]\n', '[null,1]', 'output[1] (has: bool): expected bool (true or false), got 1'],
    [design, '["Bag","add"]\n[[[]],["y",1]]\n', '[1,null]', 'output[0] (constructor: void): expected null (void), got 1'],
  ])('names the line and parameter at fault (%#)', (spec, input, output, message) => {
    expect(() => checkTestData(spec, input, output)).toThrow(TestDataError);
    expect(() => checkTestData(spec, input, output)).toThrow(message);
  });

  it('writes the wire form drivers read', () => {
    expect(wireInput(twoSum, '[2,7,11,15]\n9\n')).toBe('4\n2\n7\n11\n15\n9\n');
    expect(wireInput({ function: { name: 'f', params: [{ name: 's', type: 'string' }, { name: 't', type: 'TreeNode' }, { name: 'b', type: 'bool[]' }], returns: 'int' } },
      '"a b\\né"\n[1,null,2]\n[true,false]\n')).toBe('6 a b\né\n3\n1 1\n0\n1 2\n2\n1\n0\n');
    expect(wireInput(design, '["Bag","add","has"]\n[[["x"]],["y",9223372036854775807],["y"]]\n'))
      .toBe('3\n1\n1 x\n0\n1 y\n9223372036854775807\n1\n121\n');
  });
});
