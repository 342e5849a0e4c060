import { check, CheckerSpec } from './index';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('check', () => {
  it.each<[CheckerSpec, string, string, boolean]>([
    [{ type: 'tokens' }, '1 2\n', '1  2', true],
    [{ type: 'exact' }, '1 2\n', '1  2', false],
    [{ type: 'exact' }, '1 2\n', '1 2\n', true],
    [{ type: 'tokens', caseSensitive: true }, 'YES', 'yes', false],
    [{ type: 'tokens', spaceChangeSensitive: true }, '1 2\n', '1  2\n', false],
    [{ type: 'tokens', absoluteTolerance: 1e-6 }, '0.5', '0.5000001', true],
    [{ type: 'tokens', relativeTolerance: 1e-6 }, '100', '100.001', false],
    [{ type: 'exact', absoluteTolerance: 1 }, '0.5', '0.6', false], // exact ignores token flags
  ])('%j: %j vs %j → %s', (spec, answer, output, accepted) => {
    expect(check(spec, bytes(answer), bytes(output)).accepted).toBe(accepted);
  });

  it('throws on a checker it does not run', () => {
    expect(() => check({ type: 'custom' } as unknown as CheckerSpec, bytes(''), bytes(''))).toThrow('not a built-in checker: custom');
  });
});
