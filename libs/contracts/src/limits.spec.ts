import { defaultWallTimeLimitMs, languageForFile, resolveLimits } from '.';

describe('limits', () => {
  it.each([[1000, 2000], [500, 1500], [3000, 6000], [100, 1100]])('the wall limit for %i ms of CPU is %i ms', (cpu, wall) => {
    expect(defaultWallTimeLimitMs(cpu)).toBe(wall);
  });

  it('fills DESIGN.md defaults and keeps what is given', () => {
    expect(resolveLimits()).toEqual({ timeLimitMs: 1000, wallTimeLimitMs: 2000, memoryLimitKb: 262144, outputLimitKb: 65536, processLimit: 64 });
    expect(resolveLimits({ timeLimitMs: 3000, memoryLimitKb: 1024 })).toMatchObject({ timeLimitMs: 3000, wallTimeLimitMs: 6000, memoryLimitKb: 1024 });
  });

  it.each([['a.c', 'c'], ['x.CPP', 'cpp'], ['m.cc', 'cpp'], ['s.py', 'python3'], ['s.js', 'javascript'], ['Main.java', 'java'], ['m.rs', 'rust'], ['x.go', 'go'], ['a.kt', 'kotlin'], ['a.EXS', 'elixir'], ['x.txt', undefined], ['Makefile', undefined]])('%s is %s', (file, id) => {
    expect(languageForFile(file)).toBe(id);
  });
});
