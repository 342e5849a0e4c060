import { compareResults } from './compare';

describe('compareResults', () => {
  it.each([
    ['[1,2,3]', '[1,2,3]', {}],
    ['[1,2,3]', ' [1, 2, 3]\n', {}],
    ['9223372036854775807', '9223372036854775807', {}],
    ['0.5', '0.500001', {}],
    ['100000', '100000.9', {}],
    ['1e-9', '0', {}],
    ['2', '2.0', {}],
    ['"héllo"', '"h\\u00e9llo"', {}],
    ['[[1,2],[3]]', '[[3],[2,1]]', { anyOrder: true }],
    ['[[0,1],[1,2]]', '[[2,1],[1,0]]', { anyOrder: true }],
    ['[0.1,0.2]', '[0.2000001,0.1]', { anyOrder: true }],
    ['[null,1,true,"a"]', '[null,1,true,"a"]', {}],
    ['[]', '[]', {}],
  ])('accepts %s against %s %j', (expected, actual, opts) => expect(compareResults(expected, actual, opts)).toEqual({ accepted: true, message: 'ok' }));

  it.each([
    ['[1,2,3]', '[1,2]', {}, 'wrong answer: result: expected 3 elements, got 2'],
    ['[1,2,3]', '[1,3,2]', {}, 'wrong answer: [1]: expected 2, got 3'],
    ['9223372036854775807', '9223372036854775806', {}, 'wrong answer: result: expected 9223372036854775807, got 9223372036854775806'],
    ['0.5', '0.5001', {}, 'wrong answer: result: expected 0.5, got 0.5001'],
    ['true', '1', {}, 'wrong answer: result: expected true, got 1'],
    ['"a"', '"A"', {}, 'wrong answer: result: expected "a", got "A"'],
    ['[[1,2],[3]]', '[[1,2],[4]]', { anyOrder: true }, 'wrong answer: [1][0]: expected 3, got 4 (any order: arrays compared sorted)'],
    ['[1,1,2]', '[1,2,2]', { anyOrder: true }, 'wrong answer: [1]: expected 1, got 2 (any order: arrays compared sorted)'],
    ['[null]', '[0]', {}, 'wrong answer: [0]: expected null, got 0'],
  ])('refuses %s against %s %j', (expected, actual, opts, message) => expect(compareResults(expected, actual, opts)).toEqual({ accepted: false, message }));

  it('says so when there is no result or it is not JSON', () => {
    expect(compareResults('1', null).message).toMatch(/^no result/);
    expect(compareResults('1', '').message).toMatch(/^no result/);
    expect(compareResults('[1]', '[1').message).toMatch(/^the result is not JSON/);
  });
});
