import type { CheckerDto } from '@app/contracts';
import { checkerProblem } from './problems.service';

describe('checkerProblem: a custom checker\'s or validator\'s program', () => {
  const file = (path: string, content = 'x') => ({ path, content });
  it.each<[string, CheckerDto | undefined, RegExp | null]>([
    ['no checker', undefined, null],
    ['a built-in checker', { type: 'tokens' }, null],
    ['one source', { type: 'custom', language: 'cpp', source: 'int main(){}' }, null],
    ['several files', { type: 'interactive', language: 'cpp', files: [file('v.cpp'), file('lib/io.h')] }, null],
    ['neither source nor files', { type: 'custom', language: 'python3' }, /^checker\.source: a custom checker or validator needs its source/],
    ['both', { type: 'custom', language: 'cpp', source: 'x', files: [file('v.cpp')] }, /^checker: give source or files, not both/],
    ['entryPoint without files', { type: 'custom', language: 'cpp', source: 'x', entryPoint: 'v.cpp' }, /^checker\.entryPoint: only with files/],
    ['a path leaving the folder', { type: 'custom', language: 'cpp', files: [file('v.cpp'), file('/etc/x')] }, /^checker\.files\.1\.path: "\/etc\/x" is absolute/],
    ['an entryPoint not among the files', { type: 'custom', language: 'cpp', files: [file('v.cpp')], entryPoint: 'w.cpp' }, /^checker\.entryPoint: "w\.cpp" is not the path/],
  ])('%s', (_what, checker, message) => {
    const p = checkerProblem(checker as CheckerDto);
    if (message === null) expect(p).toBeNull();
    else expect(p).toMatch(message);
  });
});
