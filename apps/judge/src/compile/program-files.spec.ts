import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../languages/language.registry';
import { compiledFileReason, decodeProgramFiles, entryFile, languageSources, ProgramFilesError, sourceExtensions, writeProgramFiles } from './program-files';

const lang = (sourceFile: string) => ({ sourceFile: () => sourceFile }) as unknown as Language;
const cpp = lang('main.cpp');
const java = lang('Main.java');
const python = lang('main.py');
const files = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

describe('entryFile', () => {
  it.each([
    ['the entryPoint given', python, { 'a.py': '', 'b.py': '' }, 'b.py', 'b.py'],
    ['the one source file of the language, whatever else is there', python, { 'solve.py': '', 'data.txt': '', 'x.h': '' }, null, 'solve.py'],
    ['the usual name at the top', python, { 'util.py': '', 'main.py': '' }, null, 'main.py'],
    ['Main.java when no file declares main (CE later, saying so)', java, { 'Util.java': 'class Util {}', 'Main.java': 'class Main {}' }, null, 'Main.java'],
    ['the file with main before the usual name', java, { 'Main.java': 'class Main {}', 'App.java': 'class App { public static void main(String[] a) {} }' }, null, 'App.java'],
    ['main.py, whichever module has a __main__ guard', python, { 'util.py': 'if __name__ == "__main__":\n    pass\n', 'main.py': 'import util' }, null, 'main.py'],
    ['the one file with main (C++ .cc among headers)', cpp, { 'lib.cc': 'int f(){return 1;}', 'app.cc': 'int main(){}', 'lib.h': '' }, null, 'app.cc'],
    ['the one Java class with main, in a package folder', java, { 'com/acme/App.java': 'package com.acme; public class App { public static void main(String[] a){} }', 'com/acme/Util.java': 'package com.acme; class Util {}' }, null, 'com/acme/App.java'],
  ])('%s', (_what, language, given, entryPoint, expected) => {
    expect(entryFile(language as Language, files(given as Record<string, string>), entryPoint as string | null)).toBe(expected);
  });

  it.each([
    [python, { 'a.py': '', 'b.py': '' }, /2 source files and none named main\.py; name it with entryPoint/],
    [cpp, { 'a.cpp': 'int main(){}', 'b.cpp': 'int main(){}' }, /2 files declare main \(a\.cpp, b\.cpp\)/],
    [cpp, { 'notes.txt': '' }, /no \.cpp \/ \.cc \/ \.cxx \/ \.c\+\+ file/],
  ])('none or several: CE asking for entryPoint (%#)', (language, given, message) => {
    expect(() => entryFile(language, files(given), null)).toThrow(ProgramFilesError);
    expect(() => entryFile(language, files(given), null)).toThrow(message);
  });
});

describe('languageSources', () => {
  it('lists the language\'s sources, the entry first, headers and data left out', () => {
    expect(languageSources(cpp, ['lib/b.cpp', 'main.cc', 'lib/b.h', 'a.cxx', 'in.txt'], 'main.cc')).toEqual(['main.cc', 'a.cxx', 'lib/b.cpp']);
    expect(sourceExtensions(lang('main.js'))).toEqual(['js', 'mjs', 'cjs']);
  });
});

describe('compiledFileReason', () => {
  it.each([
    ['a.out', [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], /ELF/],
    ['prog', [0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1], /Mach-O/],
    ['Main.txt', [0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61], /Java class/],
    ['x.exe', [0x4d, 0x5a, 0x90, 0, 3, 0], /PE/],
    ['libx.a', [...Buffer.from('!<arch>\n')], /ar archive/],
    ['util.o', [...Buffer.from('just text')], /\.o file/],
    ['lib.jar', [0x50, 0x4b, 3, 4], /\.jar file/],
  ])('%s is refused', (path, bytes, reason) => {
    expect(compiledFileReason(path, Buffer.from(bytes))).toMatch(reason);
  });

  it('leaves sources and data alone, NUL bytes included', () => {
    expect(compiledFileReason('main.c', Buffer.from('int main(){}\0'))).toBeNull();
    expect(compiledFileReason('data.bin', Buffer.from([0, 1, 2]))).toBeNull();
    expect(compiledFileReason('MZ.txt', Buffer.from('MZ is a text file'))).toBeNull();
  });
});

describe('decodeProgramFiles', () => {
  it('decodes base64 and text; refuses a binary naming it, and a path leaving the folder', () => {
    expect(decodeProgramFiles([{ path: 'a.c', content: 'AGI=', encoding: 'base64' }, { path: 'b.h', content: 'x' }], null)).toEqual({ 'a.c': Buffer.from([0, 0x62]), 'b.h': Buffer.from('x') });
    expect(() => decodeProgramFiles([{ path: 'lib/util.o', content: 'x' }], null)).toThrow(/lib\/util\.o is a \.o file \(compiled output\): submit source files only/);
    expect(() => decodeProgramFiles([{ path: '../x.c', content: 'x' }], null)).toThrow(ProgramFilesError);
  });
});

describe('writeProgramFiles', () => {
  it('writes files in their folders, made writable for the compiling box, and never outside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-'));
    try {
      const made = writeProgramFiles(dir, { 'main.c': 'x', 'lib/deep/u.h': Buffer.from([1, 2]) });
      expect(made).toEqual([join(dir, 'lib'), join(dir, 'lib/deep')]);
      expect(statSync(join(dir, 'lib/deep')).mode & 0o777).toBe(0o777);
      expect([...readFileSync(join(dir, 'lib/deep/u.h'))]).toEqual([1, 2]);
      expect(() => writeProgramFiles(join(dir, 'lib'), { '../escape.c': 'x' })).toThrow(/would leave/);
      expect(() => writeProgramFiles(dir, { '/etc/x': 'x' })).toThrow(/would leave/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
