// One row per language: a hello world, an A+B (examples/problems/aplusb: two integers up to
// 2·10^9 in absolute value on one line, their sum), a compilation error and a runtime error.
// Used by apps/judge/test/languages.e2e-spec.ts and bench/languages.bench.ts.
import { LanguageId } from '@app/contracts';

export interface LanguageSample {
  hello: string;
  aplusb: string;
  /** Does not compile (or, for scripts, does not parse). */
  ce: string;
  /** Compiles, then fails at run time (non-zero exit or a signal). */
  re: string;
  /** Allocates without end: MLE under a 64 MiB limit (runtimes with a heap of their own). */
  mle?: string;
}

const c = {
  hello: '#include <stdio.h>\nint main(void) { puts("Hello, World!"); return 0; }\n',
  aplusb: '#include <stdio.h>\nint main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\\n", a + b); return 0; }\n',
  ce: 'int main(void) { return undefined_name; }\n',
  re: '#include <stdlib.h>\nint main(void) { abort(); }\n',
};
const cpp = {
  hello: '#include <iostream>\nint main() { std::cout << "Hello, World!" << std::endl; }\n',
  aplusb: '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
  ce: '#include <iostream>\nint main() { std::cout << x; }\n',
  re: '#include <vector>\n#include <cstdio>\nint main() { std::vector<int> v; v.at(5) = 1; }\n',
};
const python = {
  hello: 'print("Hello, World!")\n',
  aplusb: 'a, b = map(int, input().split())\nprint(a + b)\n',
  ce: 'print("unclosed"\n',
  re: 'raise ValueError("boom")\n',
};
const js = {
  hello: 'console.log("Hello, World!");\n',
  aplusb: 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(BigInt);\nconsole.log(String(a + b));\n',
  ce: 'function f( {\n',
  re: 'throw new Error("boom");\n',
};

export const LANGUAGE_SAMPLES: Partial<Record<LanguageId, LanguageSample>> = {
  c, c99: c, c11: c, c17: c, c23: c,
  cpp, cpp11: cpp, cpp14: cpp, cpp17: cpp, cpp20: cpp, cpp23: cpp,
  python3: python,
  pypy3: python,
  javascript: js,
  typescript: {
    hello: 'const greeting: string = "Hello, World!";\nconsole.log(greeting);\n',
    aplusb: 'import { readFileSync } from "fs";\nconst [a, b]: number[] = readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    ce: 'const x: number = ;\n',
    re: 'const boom = (): never => { throw new Error("boom"); };\nboom();\n',
  },
  java: {
    hello: 'public class Main { public static void main(String[] args) { System.out.println("Hello, World!"); } }\n',
    aplusb: 'import java.util.*;\npublic class Main { public static void main(String[] args) { Scanner s = new Scanner(System.in); long a = s.nextLong(), b = s.nextLong(); System.out.println(a + b); } }\n',
    ce: 'public class Main { public static void main(String[] args) { int x = "no"; } }\n',
    re: 'public class Main { public static void main(String[] args) { int[] a = new int[1]; a[2] = 1; } }\n',
    mle: 'import java.util.*;\npublic class Main { public static void main(String[] args) { List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 20]); } }\n',
  },
  kotlin: {
    hello: 'fun main() { println("Hello, World!") }\n',
    aplusb: 'fun main() { val (a, b) = readLine()!!.trim().split(" ").filter { it.isNotEmpty() }.map { it.toLong() }; println(a + b) }\n',
    ce: 'fun main() { val x: Int = "no" }\n',
    re: 'fun main() { throw IllegalStateException("boom") }\n',
    mle: 'fun main() { val l = ArrayList<LongArray>(); while (true) l.add(LongArray(1 shl 20)) }\n',
  },
  scala: {
    hello: 'object Main { def main(args: Array[String]): Unit = println("Hello, World!") }\n',
    aplusb: 'object Main { def main(args: Array[String]): Unit = { val Array(a, b) = scala.io.StdIn.readLine().trim.split("\\\\s+").map(_.toLong); println(a + b) } }\n',
    ce: 'object Main { def main(args: Array[String]): Unit = { val x: Int = "no" } }\n',
    re: 'object Main { def main(args: Array[String]): Unit = throw new RuntimeException("boom") }\n',
    mle: 'object Main { def main(args: Array[String]): Unit = { val l = scala.collection.mutable.ArrayBuffer[Array[Long]](); while (true) l += new Array[Long](1 << 20) } }\n',
  },
  rust: {
    hello: 'fn main() { println!("Hello, World!"); }\n',
    aplusb: 'use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!("{}", v[0] + v[1]); }\n',
    ce: 'fn main() { let x: i32 = "no"; }\n',
    re: 'fn main() { let v: Vec<i32> = Vec::new(); println!("{}", v[3]); }\n',
  },
  go: {
    hello: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("Hello, World!") }\n',
    aplusb: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
    ce: 'package main\n\nfunc main() { var x int = "no" }\n',
    re: 'package main\n\nfunc main() {\n\tvar a []int\n\ta[3] = 1\n}\n',
    mle: 'package main\n\nfunc main() {\n\tvar keep [][]byte\n\tfor {\n\t\tb := make([]byte, 1<<20)\n\t\tfor i := range b {\n\t\t\tb[i] = 1\n\t\t}\n\t\tkeep = append(keep, b)\n\t}\n}\n',
  },
  csharp: {
    hello: 'using System;\nclass Program { static void Main() { Console.WriteLine("Hello, World!"); } }\n',
    aplusb: 'using System;\nclass Program { static void Main() { var p = Console.ReadLine().Split(new[] { \' \' }, StringSplitOptions.RemoveEmptyEntries); Console.WriteLine(long.Parse(p[0]) + long.Parse(p[1])); } }\n',
    ce: 'class Program { static void Main() { int x = "no"; } }\n',
    re: 'class Program { static void Main() { throw new System.Exception("boom"); } }\n',
    mle: 'using System.Collections.Generic;\nclass Program { static void Main() { var l = new List<long[]>(); while (true) l.Add(new long[1 << 20]); } }\n',
  },
  haskell: {
    hello: 'main :: IO ()\nmain = putStrLn "Hello, World!"\n',
    aplusb: 'main :: IO ()\nmain = do\n  [a, b] <- map read . words <$> getLine :: IO [Integer]\n  print (a + b)\n',
    ce: 'main :: IO ()\nmain = putStrLn 42\n',
    re: 'main :: IO ()\nmain = print (head ([] :: [Int]))\n',
    mle: 'main :: IO ()\nmain = do\n  let xs = [1 .. 100000000] :: [Int]\n  print (sum xs + length xs)\n',
  },
  ocaml: {
    hello: 'let () = print_endline "Hello, World!"\n',
    aplusb: 'let () = Scanf.scanf " %d %d" (fun a b -> Printf.printf "%d\\n" (a + b))\n',
    ce: 'let () = print_endline 42\n',
    re: 'let () = failwith "boom"\n',
  },
  pascal: {
    hello: "program Hello;\nbegin\n  writeln('Hello, World!');\nend.\n",
    aplusb: 'program AplusB;\nvar a, b: int64;\nbegin\n  readln(a, b);\n  writeln(a + b);\nend.\n',
    ce: "program Bad;\nbegin\n  writeln('unterminated)\nend.\n",
    re: 'program Boom;\nvar a, b: longint;\nbegin\n  a := 1; b := 0;\n  writeln(a div b);\nend.\n',
  },
  ruby: {
    hello: 'puts "Hello, World!"\n',
    aplusb: 'a, b = gets.split.map(&:to_i)\nputs a + b\n',
    ce: 'def f(\n',
    re: 'raise "boom"\n',
  },
  php: {
    hello: '<?php\necho "Hello, World!\\n";\n',
    aplusb: '<?php\n[$a, $b] = array_map("intval", preg_split("/\\\\s+/", trim(fgets(STDIN))));\necho $a + $b, "\\n";\n',
    ce: '<?php\necho "unclosed;\n',
    re: '<?php\nthrow new Exception("boom");\n',
  },
  perl: {
    hello: 'print "Hello, World!\\n";\n',
    aplusb: 'my ($a, $b) = split " ", <STDIN>;\nprint $a + $b, "\\n";\n',
    ce: 'print "unclosed;\n',
    re: 'die "boom\\n";\n',
  },
  lua: {
    hello: 'print("Hello, World!")\n',
    aplusb: 'local a, b = io.read("n", "n")\nprint(math.tointeger(a + b) or a + b)\n',
    ce: 'print("unclosed"\n',
    re: 'error("boom")\n',
  },
  bash: {
    hello: 'echo "Hello, World!"\n',
    aplusb: 'read -r a b\necho $((a + b))\n',
    ce: 'if true; then\necho no fi\n',
    re: 'echo boom >&2\nexit 3\n',
  },
  racket: {
    hello: '#lang racket/base\n(displayln "Hello, World!")\n',
    aplusb: '#lang racket/base\n(define a (read))\n(define b (read))\n(displayln (+ a b))\n',
    ce: '#lang racket/base\n(displayln "unbalanced"\n',
    re: '#lang racket/base\n(error "boom")\n',
  },
  erlang: {
    hello: '-module(main).\n-export([main/0]).\n\nmain() -> io:format("Hello, World!~n").\n',
    aplusb: '-module(main).\n-export([main/0]).\n\nmain() ->\n    {ok, [A, B]} = io:fread("", "~d ~d"),\n    io:format("~w~n", [A + B]).\n',
    ce: '-module(main).\n-export([main/0]).\n\nmain() -> io:format("no~n")\n',
    re: '-module(main).\n-export([main/0]).\n\nmain() -> erlang:error(boom).\n',
    mle: '-module(main).\n-export([main/0]).\n\nmain() -> grow([]).\n\ngrow(L) -> grow([lists:seq(1, 100000) | L]).\n',
  },
  elixir: {
    hello: 'IO.puts("Hello, World!")\n',
    aplusb: '[a, b] = IO.read(:stdio, :line) |> String.split() |> Enum.map(&String.to_integer/1)\nIO.puts(a + b)\n',
    ce: 'IO.puts("unclosed"\n',
    re: 'raise "boom"\n',
    mle: 'Stream.iterate([], fn l -> [Enum.to_list(1..100_000) | l] end) |> Enum.reduce_while(0, fn l, _ -> {:cont, length(l)} end)\n',
  },
};
