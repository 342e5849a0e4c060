// Submissions of several files (`files[]`, `entryPoint`) end to end: the gateway's checks (400
// naming the field), then the real sandbox compiling and running each language's multi-file
// programs on examples/problems/aplusb; binaries refused as CE; NUL-bearing base64 reaching the
// compiler; the files where the program sees them and nowhere else.
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanguageId, SubmissionFile, SubmissionView, Verdict } from '@app/contracts';
import { api, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(600000);

const stack = useStack();

const f = (path: string, content: string): SubmissionFile => ({ path, content });
const b64 = (path: string, bytes: Buffer): SubmissionFile => ({ path, content: bytes.toString('base64'), encoding: 'base64' });

async function judge(body: Record<string, unknown>): Promise<SubmissionView> {
  const id = await submit(stack.gw.url, body);
  return (await watch(stack.gw.wsUrl, id, 900000)).final;
}

/** A+B written as several files per language: each reads two integers and prints their sum through code of another file. */
const APLUSB: [string, LanguageId, SubmissionFile[], string?][] = [
  ['C: two translation units and a header in a folder', 'c', [
    f('main.c', '#include <stdio.h>\n#include "lib/add.h"\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",add(a,b));return 0;}\n'),
    f('lib/add.h', '#ifndef ADD_H\n#define ADD_H\nlong add(long a, long b);\n#endif\n'),
    f('lib/add.c', '#include "add.h"\nlong add(long a, long b){return a+b;}\n'),
  ]],
  ['C++20: three translation units, headers, a README left alone', 'cpp20', [
    f('README.md', '# not a source: left alone\n'),
    f('geometry/sum.hpp', '#pragma once\nnamespace geo { long long sum(long long a, long long b); }\n'),
    f('geometry/sum.cpp', '#include "sum.hpp"\n#include "../detail.hpp"\nnamespace geo { long long sum(long long a, long long b){ return detail::plus(a, b); } }\n'),
    f('detail.hpp', '#pragma once\nnamespace detail { long long plus(long long a, long long b); }\n'),
    f('detail.cc', '#include "detail.hpp"\nnamespace detail { long long plus(long long a, long long b){ return a + b; } }\n'),
    f('app.cpp', '#include <iostream>\n#include "geometry/sum.hpp"\nint main(){ long long a, b; std::cin >> a >> b; std::cout << geo::sum(a, b) << "\\n"; }\n'),
  ]],
  ['Java: classes in two packages, the main class found across them (run as com.acme.App)', 'java', [
    f('com/acme/App.java', 'package com.acme;\nimport com.acme.math.Adder;\nimport java.util.Scanner;\npublic final class App {\n  public static void main(String[] args) {\n    Scanner in = new Scanner(System.in);\n    System.out.println(new Adder().add(in.nextLong(), in.nextLong()));\n  }\n}\n'),
    f('com/acme/math/Adder.java', 'package com.acme.math;\npublic class Adder {\n  // "class Fake { public static void main(String[] a) {} }" in a comment is not a main\n  public long add(long a, long b) { return Helper.plus(a, b); }\n}\n'),
    f('com/acme/math/Helper.java', 'package com.acme.math;\nclass Helper { static long plus(long a, long b) { return a + b; } }\n'),
  ]],
  ['Python: a module and a package imported by main.py, a data file read beside it', 'python3', [
    f('main.py', 'import os\nimport helpers\nfrom pkg.ops import add\nzero = int(open(os.path.join(os.path.dirname(__file__), "data", "zero.txt")).read())\na, b = helpers.read_two()\nprint(add(a, b) + zero)\n'),
    f('helpers.py', 'def read_two():\n    return map(int, input().split())\n'),
    f('pkg/__init__.py', ''),
    f('pkg/ops.py', 'def add(a, b):\n    return a + b\n'),
    f('data/zero.txt', '0\n'),
  ]],
  ['Python: entryPoint picks the file to run among several', 'python3', [
    f('solve.py', 'from lib import add\na, b = map(int, input().split())\nprint(add(a, b))\n'),
    f('lib.py', 'def add(a, b):\n    return a + b\n'),
    f('broken.py', 'this is not python\n'),
  ], 'solve.py'],
  ['JavaScript: CommonJS with a package.json', 'javascript', [
    f('package.json', '{ "name": "aplusb", "main": "index.js" }\n'),
    f('index.js', 'const { add } = require("./lib/add");\nconst [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(add(a, b));\n'),
    f('lib/add.js', 'exports.add = (a, b) => a + b;\n'),
  ], 'index.js'],
  ['JavaScript: ES modules (package.json "type": "module")', 'javascript', [
    f('package.json', '{ "type": "module" }\n'),
    f('main.js', 'import { readFileSync } from "node:fs";\nimport { add } from "./add.js";\nconst [a, b] = readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(add(a, b));\n'),
    f('add.js', 'export const add = (a, b) => a + b;\n'),
  ]],
  ['JavaScript: .mjs modules', 'javascript', [
    f('main.mjs', 'import { readFileSync } from "node:fs";\nimport add from "./util/add.mjs";\nconst [a, b] = readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(add(a, b));\n'),
    f('util/add.mjs', 'export default (a, b) => a + b;\n'),
  ], 'main.mjs'],
  ['TypeScript: an imported module in a folder', 'typescript', [
    f('main.ts', 'import { add } from "./lib/add";\nconst [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(add(a, b));\n'),
    f('lib/add.ts', 'export function add(a: number, b: number): number { return a + b; }\n'),
  ]],
  ['Go: two files of package main', 'go', [
    f('main.go', 'package main\nimport "fmt"\nfunc main() { var a, b int64; fmt.Scan(&a, &b); fmt.Println(add(a, b)) }\n'),
    f('add.go', 'package main\nfunc add(a, b int64) int64 { return a + b }\n'),
  ]],
  ['Rust: a module file', 'rust', [
    f('main.rs', 'mod add;\nuse std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!("{}", add::add(v[0], v[1])); }\n'),
    f('add.rs', 'pub fn add(a: i64, b: i64) -> i64 { a + b }\n'),
  ]],
  ['C#: two files', 'csharp', [
    f('Program.cs', 'using System;\nclass Program { static void Main() { var p = Console.ReadLine().Split(new[]{\' \'}, StringSplitOptions.RemoveEmptyEntries); Console.WriteLine(Adder.Add(long.Parse(p[0]), long.Parse(p[1]))); } }\n'),
    f('Adder.cs', 'static class Adder { public static long Add(long a, long b) { return a + b; } }\n'),
  ]],
  ['Kotlin: two files, the entry named by its file', 'kotlin', [
    f('app.kt', 'fun main() { val (a, b) = readLine()!!.trim().split(Regex("\\\\s+")).map { it.toLong() }; println(add(a, b)) }\n'),
    f('add.kt', 'fun add(a: Long, b: Long): Long = a + b\n'),
  ], 'app.kt'],
  ['Haskell: an imported module', 'haskell', [
    f('main.hs', 'import Add (add)\nmain :: IO ()\nmain = do\n  [a, b] <- fmap (map read . words) getContents\n  print (add a b :: Integer)\n'),
    f('Add.hs', 'module Add (add) where\nadd :: Integer -> Integer -> Integer\nadd a b = a + b\n'),
  ]],
  ['Ruby: require_relative', 'ruby', [
    f('main.rb', 'require_relative "lib/add"\na, b = gets.split.map(&:to_i)\nputs add(a, b)\n'),
    f('lib/add.rb', 'def add(a, b) = a + b\n'),
  ]],
  ['PHP: require', 'php', [
    f('main.php', '<?php\nrequire __DIR__ . "/add.php";\n[$a, $b] = array_map("intval", preg_split("/\\\\s+/", trim(fgets(STDIN))));\necho add($a, $b), "\\n";\n'),
    f('add.php', '<?php\nfunction add($a, $b) { return $a + $b; }\n'),
  ]],
  ['Lua: require of a module in the program folder', 'lua', [
    f('main.lua', 'local util = require("util")\nlocal a, b = io.read("n", "n")\nprint(util.add(a, b))\n'),
    f('util.lua', 'return { add = function(a, b) return math.tointeger(a + b) end }\n'),
  ]],
  ['Perl: use of a module in the program folder', 'perl', [
    f('main.pl', 'use strict;\nuse Adder;\nmy ($a, $b) = split " ", <STDIN>;\nprint Adder::add($a, $b), "\\n";\n'),
    f('Adder.pm', 'package Adder;\nsub add { return $_[0] + $_[1]; }\n1;\n'),
  ]],
  ['Erlang: two modules', 'erlang', [
    f('main.erl', '-module(main).\n-export([main/0]).\nmain() -> {ok, [A, B]} = io:fread("", "~d ~d"), io:format("~p~n", [adder:add(A, B)]).\n'),
    f('adder.erl', '-module(adder).\n-export([add/2]).\nadd(A, B) -> A + B.\n'),
  ]],
  ['Pascal: a unit', 'pascal', [
    f('main.pas', 'program main;\nuses adder;\nvar a, b: int64;\nbegin\n  readln(a, b);\n  writeln(add(a, b));\nend.\n'),
    f('adder.pas', 'unit adder;\ninterface\nfunction add(a, b: int64): int64;\nimplementation\nfunction add(a, b: int64): int64;\nbegin\n  add := a + b;\nend;\nend.\n'),
  ]],
  ['PyPy: a package imported by main.py', 'pypy3', [
    f('main.py', 'from pkg.ops import add\na, b = map(int, input().split())\nprint(add(a, b))\n'),
    f('pkg/__init__.py', ''),
    f('pkg/ops.py', 'def add(a, b):\n    return a + b\n'),
  ]],
  ['Scala: two files, the object with main found in the entry', 'scala', [
    f('main.scala', 'object Main { def main(args: Array[String]): Unit = { val Array(a, b) = scala.io.StdIn.readLine().trim.split(" +").map(_.toLong); println(Adder.add(a, b)) } }\n'),
    f('adder.scala', 'object Adder { def add(a: Long, b: Long): Long = a + b }\n'),
  ]],
  ['Bash: source of a file beside the script', 'bash', [
    f('main.sh', 'source "$(dirname "$0")/lib/add.sh"\nread -r a b\nadd "$a" "$b"\n'),
    f('lib/add.sh', 'add() { echo $(( $1 + $2 )); }\n'),
  ]],
  ['Racket: require of a module file', 'racket', [
    f('main.rkt', '#lang racket\n(require "add.rkt")\n(define a (read))\n(define b (read))\n(displayln (add a b))\n'),
    f('add.rkt', '#lang racket\n(provide add)\n(define (add a b) (+ a b))\n'),
  ]],
  ['Elixir: Code.require_file of a file beside the script', 'elixir', [
    f('main.exs', 'Code.require_file("add.exs", __DIR__)\n[a, b] = IO.read(:stdio, :eof) |> String.split() |> Enum.map(&String.to_integer/1)\nIO.puts(Add.add(a, b))\n'),
    f('add.exs', 'defmodule Add do\n  def add(a, b), do: a + b\nend\n'),
  ]],
  ['OCaml: a module linked before the entry', 'ocaml', [
    f('main.ml', 'let () = Scanf.scanf " %d %d" (fun a b -> print_int (Adder.add a b); print_newline ())\n'),
    f('adder.ml', 'let add a b = a + b\n'),
  ]],
];

describe('the API', () => {
  it('stores the files: GET shows their paths, sizes and entry point, /source their contents', async () => {
    const files = [f('main.py', 'print(open(__file__.replace("main.py", "x.bin"), "rb").read())\n'), b64('x.bin', Buffer.from([0, 1, 2]))];
    const id = await submit(stack.gw.url, { language: 'python3', files, entryPoint: 'main.py', stdin: '' });
    const { final } = await watch(stack.gw.wsUrl, id);
    expect(final).toMatchObject({ verdict: Verdict.AC, files: [{ path: 'main.py', bytes: files[0].content.length }, { path: 'x.bin', bytes: 3 }], entryPoint: 'main.py' });
    expect(final.tests[0].stdout).toBe("b'\\x00\\x01\\x02'\n");
    const source = await api(stack.gw.url, 'GET', `/api/v1/submissions/${id}/source`);
    expect(source.body).toEqual({ id, language: 'python3', sourceCode: '', entryPoint: 'main.py', files: [{ ...files[0], encoding: 'utf8' }, files[1]] });
    // A single-file submission keeps its shape.
    const single = await submit(stack.gw.url, { language: 'python3', sourceCode: 'print(1)', stdin: '' });
    const view = await api(stack.gw.url, 'GET', `/api/v1/submissions/${single}`);
    expect(view.body).not.toHaveProperty('files');
  });

  it.each([
    ['a path with ..', { files: [f('main.c', 'int main(){}'), f('../evil.c', '')] }, /^files\.1\.path: "\.\.\/evil\.c": "\.\." is not allowed/],
    ['a path inside with ..', { files: [f('a/../../evil.c', '')] }, /^files\.0\.path: .*"\.\." is not allowed/],
    ['an absolute path', { files: [f('/etc/cron.d/x', '')] }, /^files\.0\.path: "\/etc\/cron\.d\/x" is absolute/],
    ['a name a compiler would take as an option', { files: [f('main.c', ''), f('-fplugin=x.so', '')] }, /^files\.1\.path: .*not start with \. or -/],
    ['the same path twice', { files: [f('a.c', ''), f('a.c', '')] }, /^files\.1\.path: "a\.c" is given twice/],
    ['a file over SUBMISSION_MAX_FILE_BYTES', { files: [f('main.c', 'x'.repeat(262145))] }, /^files\.0\.content: 262145 bytes, more than the 262144 allowed per file \(SUBMISSION_MAX_FILE_BYTES\)/],
    ['over SUBMISSION_MAX_TOTAL_BYTES in all', { files: [0, 1, 2, 3, 4].map((i) => f(`f${i}.c`, 'x'.repeat(250000))) }, /^files: 1250000 bytes in all, more than the 1048576 allowed \(SUBMISSION_MAX_TOTAL_BYTES\)/],
    ['over SUBMISSION_MAX_FILES', { files: Array.from({ length: 101 }, (_, i) => f(`f${i}.c`, '')) }, /^files: 101 files, more than the 100 allowed \(SUBMISSION_MAX_FILES\)/],
    ['invalid base64', { files: [{ path: 'main.c', content: '%%%', encoding: 'base64' }] }, /^files\.0\.content is not valid base64/],
    ['an unknown encoding', { files: [{ path: 'main.c', content: '', encoding: 'hex' }] }, /files\.0\.encoding must be one of: utf8, base64/],
    ['a file without content', { files: [{ path: 'main.c' }] }, /files\.0\.content must be a string/],
    ['an entryPoint not among the files', { files: [f('main.c', '')], entryPoint: 'other.c' }, /^entryPoint: "other\.c" is not the path of one of the files/],
    ['both sourceCode and files', { sourceCode: 'int main(){}', files: [f('main.c', '')] }, /^sourceCode and files: give one of them/],
    ['neither', {}, /sourceCode must be a string/],
    ['files not an array', { files: 'main.c' }, /files must be an array/],
    ['a file that is not an object', { files: ['main.c'] }, /files must hold objects/],
    ['a null file', { files: [null] }, /files must hold objects/],
    ['a file that is an array', { files: [[{ path: 'main.c', content: '' }]] }, /files must hold objects/],
    ['a path that is not a string', { files: [{ path: 7, content: '' }] }, /files\.0\.path must be a string/],
  ])('%s: 400 naming the field', async (_what, body, message) => {
    const r = await api(stack.gw.url, 'POST', '/api/v1/submissions', { language: 'c', stdin: '', ...body });
    expect(r.status).toBe(400);
    expect([r.body.message].flat().join('; ')).toMatch(message);
  });
});

describe('judging several files (examples/problems/aplusb, every test)', () => {
  const pending = new Map<string, Promise<SubmissionView>>();
  beforeAll(() => {
    // Queued at once, so the judge is never idle between cases.
    for (const [what, language, files, entryPoint] of APLUSB) {
      const p = judge({ language, files, problemId: 'aplusb', ...(entryPoint ? { entryPoint } : {}) });
      p.catch(() => undefined);
      pending.set(what, p);
    }
  });

  it.each(APLUSB.map(([what]) => [what]))('%s: AC', async (what) => {
    const s = await pending.get(what)!;
    const failed = s.tests.find((t) => t.verdict !== Verdict.AC && !t.skipped);
    expect({ verdict: s.verdict, compileOutput: s.verdict === Verdict.AC ? null : s.compileOutput, tests: s.tests.map((t) => t.verdict), failed })
      .toEqual({ verdict: Verdict.AC, compileOutput: null, tests: s.tests.map(() => Verdict.AC), failed: undefined });
    expect(s.tests.length).toBeGreaterThan(1);
  });
});

describe('what is not a source', () => {
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);

  it('an object file among the sources is CE naming it; nothing is compiled', async () => {
    const s = await judge({ language: 'c', problemId: 'aplusb', files: [f('main.c', 'long add(long,long);\n#include <stdio.h>\nint main(){long a,b;scanf("%ld%ld",&a,&b);printf("%ld\\n",add(a,b));}'), b64('add.o', elf)] });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/add\.o is an ELF binary: submit source files only/);
    expect(s.tests.every((t) => t.skipped)).toBe(true);
  });

  it('an executable sent as the program is CE, whatever its name', async () => {
    const s = await judge({ language: 'cpp', stdin: '', files: [b64('main.cpp', elf)] });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/main\.cpp is an ELF binary/);
  });

  it('a .class or .jar file is CE', async () => {
    const s = await judge({ language: 'java', stdin: '', files: [f('Main.java', 'public class Main { public static void main(String[] a) {} }'), b64('lib/Util.class', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61]))] });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/lib\/Util\.class is a Java class file/);
  });

  it('a base64 source whose bytes include NUL is accepted (202) and reaches the compiler: CE with its words', async () => {
    const bytes = Buffer.concat([Buffer.from('#include <stdio.h>\nint ma'), Buffer.from([0]), Buffer.from('in(void){puts("hi");return 0;}\n')]);
    const s = await judge({ language: 'c', stdin: '', files: [b64('main.c', bytes)] });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/null character/);
  });

  it('a single file may come as base64: it is judged like sourceCode', async () => {
    const s = await judge({ language: 'python3', stdin: '2 3\n', expectedOutput: '5', files: [b64('main.py', Buffer.from('a, b = map(int, input().split())\nprint(a + b)\n'))] });
    expect(s.verdict).toBe(Verdict.AC);
  });

  it('several candidates and no entryPoint: CE asking for one', async () => {
    const s = await judge({ language: 'python3', stdin: '', files: [f('a.py', 'print(1)'), f('b.py', 'print(2)')] });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/cannot tell which file to run: 2 source files and none named main\.py; name it with entryPoint/);
  });

  it('a Java program of several classes without any main is CE, not RE', async () => {
    const s = await judge({ language: 'java', stdin: '', files: [f('Main.java', 'public class Main { static int x; }'), f('Util.java', 'class Util {}')] });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/no class declares a main method/);
  });
});

describe('compilation errors in any of the files', () => {
  it.each<[string, LanguageId, SubmissionFile[], RegExp]>([
    ['C++: an error in the second translation unit names it', 'cpp', [f('main.cpp', 'int add(int, int);\nint main(){ return add(1, 2) - 3; }\n'), f('lib/add.cpp', 'int add(int a, int b) { return a + ; }\n')], /lib\/add\.cpp:1/],
    ['Java: an error in a class of another package', 'java', [f('app/Main.java', 'package app;\npublic class Main { public static void main(String[] a) { util.U.f(); } }\n'), f('util/U.java', 'package util;\npublic class U { public static void f() { int x = ; } }\n')], /util\/U\.java:2: error/],
    ['Python: a syntax error in an imported module (confirmed in that module)', 'python3', [f('main.py', 'import helpers\nprint(helpers.f())\n'), f('helpers.py', 'def f(:\n    return 1\n')], /helpers\.py", line 1[\s\S]*SyntaxError/],
  ])('%s: CE', async (_what, language, files, output) => {
    const s = await judge({ language, stdin: '', files });
    expect({ verdict: s.verdict, compileOutput: s.compileOutput }).toEqual({ verdict: Verdict.CE, compileOutput: expect.stringMatching(output) });
  });

  it('Python: a module that raises SyntaxError itself, or execs bad text, is RE', async () => {
    const s = await judge({ language: 'python3', stdin: '', files: [f('main.py', 'import helpers\n'), f('helpers.py', 'exec("def (")\n')] });
    expect(s.verdict).toBe(Verdict.RE);
  });
});

describe('code that runs while compiling (Perl\'s BEGIN) cannot reach the judge\'s files through links left in the folder', () => {
  // The compile box's folder is the host's; after the box ends the judge writes and changes
  // modes there as root: a link planted in place of its files must not be followed.
  it('a link in place of the compile cache\'s note leaves its target alone', async () => {
    const target = join(process.env.E2E_TMP!, `pwned-note-${Date.now()}`);
    const s = await judge({ language: 'perl', stdin: '', sourceCode: `BEGIN { symlink("${target}", ".compile.json") }\nprint "hi\\n";\n` });
    expect(s.verdict).toBe(Verdict.AC);
    expect(existsSync(target)).toBe(false);
  });

  it('a link in place of a folder of the submission leaves its target\'s mode alone', async () => {
    const target = join(process.env.E2E_TMP!, `secret-${Date.now()}`);
    writeFileSync(target, 'secret');
    chmodSync(target, 0o600);
    const s = await judge({ language: 'perl', stdin: '', files: [
      f('main.pl', `BEGIN { rename("lib", "old") or die; symlink("${target}", "lib") or die }\nprint "hi\\n";\n`),
      f('lib/x.txt', 'x'),
    ] });
    expect(s.verdict).not.toBe(Verdict.IE);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});

describe('where the files are', () => {
  it('the program sees exactly its files under its own folder, nested as sent; nothing of them is elsewhere in the box', async () => {
    const files = [
      f('main.py', [
        'import os',
        'here = os.path.dirname(os.path.abspath(__file__))',
        'found = sorted(os.path.relpath(os.path.join(d, n), here) for d, _, ns in os.walk(here) for n in ns)',
        'print(here)',
        'print(" ".join(found))',
        // Nothing of the submission at the box's root, in its working folder or /tmp.
        'print(sorted(n for n in os.listdir("/") if n.startswith("marker")), sorted(os.listdir(os.getcwd())) if os.getcwd() != here else "-", [n for n in os.listdir("/tmp") if n.startswith("marker")])',
      ].join('\n')),
      f('deep/er/still/marker-data.txt', 'x'),
      f('marker.h', ''),
    ];
    const s = await judge({ language: 'python3', stdin: '', files, limits: { timeLimitMs: 5000 } });
    expect({ verdict: s.verdict, message: s.tests[0].message, stderr: s.tests[0].stderr }).toMatchObject({ verdict: Verdict.AC });
    const [here, found, elsewhere] = s.tests[0].stdout!.trim().split('\n');
    expect(here).toBe('/prog');
    // .compile.json is the compile cache's note (judge/src/cache), not the submission's.
    expect(found.split(' ').filter((n) => n !== '.compile.json')).toEqual(['deep/er/still/marker-data.txt', 'main.py', 'marker.h']);
    expect(elsewhere).toMatch(/^\[\] (\[\]|-) \[\]$/);
  });
});
