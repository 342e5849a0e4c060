// Cost of a function problem's driver. For each harness language, in one process, times N bare
// runs (no sandbox, to isolate the driver) of:
//   1. the language's empty program (the baseline: start-up and nothing else),
//   2. the harness program around the example AC solution, on the example problems' largest tests
//      (transpose-matrix 300×200 ints, about 1 MB of JSON; min-stack 20000 calls),
//   3. a plain program solving the same test from stdin in the same language (what a program
//      problem would take), where one is at hand (C++, Python),
// and prints medians and the driver's overhead over the baseline. Usage: npm run bench:harness [-- N [lang,lang]]
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { harnessProgram, HarnessSpec, wireInput } from '../libs/harness/src';

/** Languages to measure (all by default): npm run bench:harness -- 15 go,kotlin */
const ONLY = process.argv[3]?.split(',');

const N = Number(process.argv[2] ?? 15);
const ROOT = join(__dirname, '..', 'examples');
const PY = '/usr/bin/python3';
const SCALA = '/usr/share/scala-2.11/lib';
const TSC = join(__dirname, '..', 'node_modules', 'typescript-judge', 'lib', 'tsc.js');

interface Lang { id: string; ext: string; build(dir: string, entry: string): void; run: string[]; empty: Record<string, string> }
const LANGS: Lang[] = [
  { id: 'c', ext: 'c', build: (d, f) => execFileSync('gcc', ['-O2', '-std=gnu11', '-o', 'main', f, '-lm'], { cwd: d }), run: ['./main'], empty: { 'main.c': 'int main(void){return 0;}\n' } },
  { id: 'cpp', ext: 'cpp', build: (d, f) => execFileSync('g++', ['-O2', '-std=gnu++17', '-o', 'main', f], { cwd: d }), run: ['./main'], empty: { 'main.cpp': 'int main(){return 0;}\n' } },
  { id: 'java', ext: 'java', build: (d, f) => execFileSync('javac', ['-J-XX:+UseSerialGC', '-J-XX:TieredStopAtLevel=1', '-encoding', 'UTF-8', '-d', '.', f], { cwd: d }), run: ['java', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss64m', '-cp', '.', 'Main'], empty: { 'Main.java': 'public class Main { public static void main(String[] a) {} }\n' } },
  { id: 'python3', ext: 'py', build: () => undefined, run: [PY, 'main.py'], empty: { 'main.py': '\n' } },
  { id: 'javascript', ext: 'js', build: () => undefined, run: ['node', 'main.js'], empty: { 'main.js': '\n' } },
  { id: 'rust', ext: 'rs', build: (d, f) => execFileSync('rustc', ['-O', '--edition', '2021', '-o', 'main', f], { cwd: d }), run: ['./main'], empty: { 'main.rs': 'fn main() {}\n' } },
  { id: 'pypy3', ext: 'py', build: () => undefined, run: ['pypy3', 'main.py'], empty: { 'main.py': '\n' } },
  { id: 'typescript', ext: 'ts', build: (d, f) => execFileSync('node', [TSC, '--noCheck', '--target', 'es2022', '--module', 'commonjs', '--outDir', '.', f], { cwd: d }), run: ['node', 'main.js'], empty: { 'main.ts': '\n' } },
  { id: 'go', ext: 'go', build: (d, f) => execFileSync('go', ['build', '-o', 'main', f], { cwd: d, env: { ...process.env, GO111MODULE: 'off', GOCACHE: join(d, '.go-cache'), GOPATH: join(d, '.go') } }), run: ['./main'], empty: { 'main.go': 'package main\nfunc main() {}\n' } },
  { id: 'csharp', ext: 'cs', build: (d, f) => execFileSync('mono', ['/usr/lib/mono/4.5/mcs.exe', '-optimize+', '-nologo', '-out:main.exe', f], { cwd: d }), run: ['mono', 'main.exe'], empty: { 'main.cs': 'public static class P { public static void Main() {} }\n' } },
  { id: 'kotlin', ext: 'kt', build: (d, f) => execFileSync('kotlinc', ['-nowarn', '-d', '.', f], { cwd: d, stdio: 'ignore' }), run: ['java', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss64m', '-cp', '.:/usr/share/kotlin/kotlinc/lib/kotlin-stdlib.jar', 'MainKt'], empty: { 'main.kt': 'fun main() {}\n' } },
  { id: 'scala', ext: 'scala', build: (d, f) => execFileSync('java', ['-Xmx640m', '-Dscala.usejavacp=true', '-cp', ['scala-compiler', 'scala-library', 'scala-reflect'].map((j) => `${SCALA}/${j}.jar`).join(':'), 'scala.tools.nsc.Main', '-nowarn', '-d', '.', f], { cwd: d }), run: ['java', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss64m', '-cp', `.:${SCALA}/scala-library.jar`, 'OjMain'], empty: { 'main.scala': 'object OjMain { def main(args: Array[String]): Unit = () }\n' } },
  { id: 'php', ext: 'php', build: () => undefined, run: ['php', 'main.php'], empty: { 'main.php': '<?php\n' } },
  { id: 'ruby', ext: 'rb', build: () => undefined, run: ['ruby', 'main.rb'], empty: { 'main.rb': '\n' } },
];

/** Plain stdin programs for the transpose test (rows, cols, then the values), the baseline a program problem would need. */
const PLAIN: Record<string, Record<string, string>> = {
  cpp: { 'main.cpp': '#include <bits/stdc++.h>\nusing namespace std;\nint main(){ios::sync_with_stdio(false);cin.tie(nullptr);int r,c;cin>>r>>c;vector<vector<int>> m(r,vector<int>(c));for(auto&row:m)for(auto&x:row)cin>>x;string o;for(int j=0;j<c;j++){for(int i=0;i<r;i++){o+=to_string(m[i][j]);o+=i+1<r?\' \':\'\\n\';}}fwrite(o.data(),1,o.size(),stdout);}\n' },
  python3: { 'main.py': 'import sys\nd=sys.stdin.buffer.read().split()\nr,c=int(d[0]),int(d[1])\nm=[d[2+i*c:2+(i+1)*c] for i in range(r)]\nsys.stdout.buffer.write(b"\\n".join(b" ".join(col) for col in zip(*m))+b"\\n")\n' },
};

function median(run: () => void): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(N / 2)];
}

function runner(dir: string, argv: string[], input: string): () => void {
  writeFileSync(join(dir, 'stdin'), input);
  return () => {
    const fd = openSync(join(dir, 'stdin'), 'r');
    const out = openSync(join(dir, 'result'), 'w');
    const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, stdio: [fd, 'ignore', 'inherit', out] });
    closeSync(fd);
    closeSync(out);
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  };
}

function setUp(lang: Lang, files: Record<string, string>, entry: string): string {
  const dir = mkdtempSync(join(tmpdir(), `oj-bench-harness-${lang.id}-`));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  lang.build(dir, entry);
  return dir;
}

const problems = ['transpose-matrix', 'min-stack'].map((id) => {
  const spec = parse(readFileSync(join(ROOT, 'problems', id, 'function.yaml'), 'utf8')) as HarnessSpec;
  const input = readFileSync(join(ROOT, 'problems', id, 'data', 'secret', id === 'min-stack' ? '04.in' : '06.in'), 'utf8');
  return { id, spec, input };
});

console.log(`${N} bare runs each, medians in ms (the driver's share is the overhead over the empty program):`);
const dirs: string[] = [];
for (const lang of LANGS.filter((l) => !ONLY || ONLY.includes(l.id))) {
  const empty = setUp(lang, lang.empty, Object.keys(lang.empty)[0]);
  dirs.push(empty);
  const base = median(runner(empty, lang.run, ''));
  const parts = [`${lang.id.padEnd(11)} empty program ${base.toFixed(1).padStart(6)}`];
  for (const p of problems) {
    const sol = readFileSync(join(ROOT, 'solutions', p.id, 'AC', require('node:fs').readdirSync(join(ROOT, 'solutions', p.id, 'AC')).find((f: string) => f.endsWith(`.${lang.ext}`))), 'utf8');
    const program = harnessProgram(lang.id, p.spec, sol)!;
    const dir = setUp(lang, program.files, program.entry);
    dirs.push(dir);
    const t = median(runner(dir, lang.run, program.jsonInput ? p.input : wireInput(p.spec, p.input)));
    parts.push(`${p.id} ${t.toFixed(1).padStart(6)} (+${(t - base).toFixed(1)})`);
    if (p.id === 'transpose-matrix' && PLAIN[lang.id]) {
      const plain = setUp(lang, PLAIN[lang.id], Object.keys(PLAIN[lang.id])[0]);
      dirs.push(plain);
      const m = JSON.parse(p.input) as number[][];
      const tp = median(runner(plain, lang.run, `${m.length} ${m[0].length}\n${m.map((r) => r.join(' ')).join('\n')}\n`));
      parts.push(`plain stdin program ${tp.toFixed(1).padStart(6)} (harness ×${(t / tp).toFixed(2)})`);
    }
  }
  console.log(`  ${parts.join('  ')}`);
}
for (const d of dirs) rmSync(d, { recursive: true, force: true });
