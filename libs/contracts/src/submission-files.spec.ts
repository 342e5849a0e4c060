import { fileBytes, fileSize, SubmissionFile, submissionFilesProblem } from './submission-files';

const caps = { maxFiles: 4, maxFileBytes: 100, maxTotalBytes: 150 };
const f = (path: string, content = 'x', encoding?: 'utf8' | 'base64'): SubmissionFile => ({ path, content, ...(encoding ? { encoding } : {}) });

describe('submissionFilesProblem', () => {
  it('accepts clean relative paths, folders, data files and a NUL-bearing base64 file', () => {
    expect(submissionFilesProblem([f('main.cpp'), f('lib/util.h'), f('com/acme/Main.java'), f('data.bin', Buffer.from('a\0b').toString('base64'), 'base64')], 'main.cpp', caps)).toBeNull();
  });

  it.each([
    [[f('/etc/passwd')], /^files\.0\.path: "\/etc\/passwd" is absolute/],
    [[f('a.c'), f('../x.c')], /^files\.1\.path: "\.\.\/x\.c": "\.\." is not allowed/],
    [[f('a/./b.c')], /^files\.0\.path: .*"\." is not allowed/],
    [[f('a//b.c')], /^files\.0\.path: .*empty segment/],
    [[f('dir/')], /^files\.0\.path: .*empty segment/],
    [[f('-o.c')], /^files\.0\.path: "-o\.c": "-o\.c" must be letters/],
    [[f('.hidden')], /^files\.0\.path: .*must be letters/],
    [[f('a\\b.c')], /^files\.0\.path: .*must be letters/],
    [[f('sp ace.c')], /^files\.0\.path: .*must be letters/],
    [[f('a/b/c/d/e/f/g/h/i.c')], /^files\.0\.path: .* 9 levels deep, more than 8/],
    [[f(`${'n'.repeat(101)}.c`)], /^files\.0\.path: .*longer than 100/],
    [[f('a.c'), f('b.c'), f('a.c')], /^files\.2\.path: "a\.c" is given twice/],
    [[f('lib'), f('lib/x.h')], /^files\.1\.path: "lib\/x\.h" is inside "lib", which is a file/],
    [[f('lib/x.h'), f('lib')], /^files\.1\.path: "lib" is also a folder of another file/],
    [[f('a.c', 'not base64!', 'base64')], /^files\.0\.content is not valid base64/],
    [[f('a.c', 'a\u0000b')], /^files\.0\.content must not contain NUL .* base64/],
    [[f('a.c', 'x'.repeat(101))], /^files\.0\.content: 101 bytes, more than the 100 allowed per file \(SUBMISSION_MAX_FILE_BYTES\)/],
    [[f('a.c', Buffer.alloc(101).toString('base64'), 'base64')], /^files\.0\.content: 101 bytes/],
    [[f('a.c', 'x'.repeat(80)), f('b.c', 'x'.repeat(80))], /^files: 160 bytes in all, more than the 150 allowed \(SUBMISSION_MAX_TOTAL_BYTES\)/],
    [[f('a'), f('b'), f('c'), f('d'), f('e')], /^files: 5 files, more than the 4 allowed \(SUBMISSION_MAX_FILES\)/],
    [[], /^files must hold at least one file/],
  ])('refuses case %# naming the field', (files, message) => {
    expect(submissionFilesProblem(files as SubmissionFile[], undefined, caps)).toMatch(message as RegExp);
  });

  it('refuses an entryPoint that is not one of the paths', () => {
    expect(submissionFilesProblem([f('main.py')], 'other.py', caps)).toBe('entryPoint: "other.py" is not the path of one of the files');
  });

  it('counts and decodes bytes, base64 with whitespace included', () => {
    const b64 = f('x', 'AAEC\nAw==', 'base64');
    expect(fileSize(b64)).toBe(4);
    expect([...fileBytes(b64)]).toEqual([0, 1, 2, 3]);
    expect(fileSize(f('x', 'é'))).toBe(2);
  });
});
