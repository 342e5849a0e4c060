// Submit-to-verdict latency. Starts a real gateway and judge in this process (own Redis
// namespace, temporary SQLite), then for C++ and Python times POST /api/v1/submissions → the
// final WebSocket frame for a one-test submission, N times each. As a baseline, the same work
// done bare in the same command: compile (g++ -O2) and run, or run python3, without the stack.
// Then `c cached`: the same C source every time (compiled once, then from the program cache)
// against running its binary bare: the stack's own overhead on a judged run.
// Usage: npm run bench:latency [-- N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 20);
const load = () => `load ${loadavg()[0].toFixed(1)}`;
const tmp = mkdtempSync(join(tmpdir(), 'oj-latency-'));
Object.assign(process.env, {
  REDIS_NAMESPACE: `oj-bench-${process.pid}`, DATABASE_URL: `sqlite:${join(tmp, 'db.sqlite')}`, JUDGE_WORK_DIR: join(tmp, 'work'),
  PROBLEMS_DIRS: join(tmp, 'none'), LOG_LEVEL: 'error', E2E_TMP: tmp,
  // Auth is on; the test helpers send this admin token (unlimited, so nothing is throttled).
  ADMIN_TOKEN: `bench-admin-${process.pid}-0123456789`,
});

const CPP = '#include <cstdio>\nint main(){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);}\n';
const PY = 'a, b = map(int, input().split())\nprint(a + b)\n';
const C = '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bare(language: 'cpp' | 'python3' | 'c cached'): number {
  if (language === 'c cached') {
    const t = process.hrtime.bigint();
    execFileSync(join(tmp, 'c-main'), { input: '2 3\n' });
    return Number(process.hrtime.bigint() - t) / 1e6;
  }
  const t = process.hrtime.bigint();
  if (language === 'cpp') {
    writeFileSync(join(tmp, 'main.cpp'), CPP);
    execFileSync('g++', ['-O2', '-std=gnu++17', '-o', join(tmp, 'main'), join(tmp, 'main.cpp')]);
    execFileSync(join(tmp, 'main'), { input: '2 3\n' });
  } else {
    writeFileSync(join(tmp, 'main.py'), PY);
    execFileSync('/usr/bin/python3', [join(tmp, 'main.py')], { input: '2 3\n' });
  }
  return Number(process.hrtime.bigint() - t) / 1e6;
}

(async () => {
  const { startGateway, startJudge, submit, watch, cleanUp } = require('../test/support/stack');
  const gw = await startGateway();
  const judge = await startJudge();
  try {
    console.log(`POST → final WebSocket frame, one test, ${N} runs each (ms):`);
    writeFileSync(join(tmp, 'c-main.c'), C);
    execFileSync('gcc', ['-O2', '-o', join(tmp, 'c-main'), join(tmp, 'c-main.c')]);
    for (const [language, sourceCode] of [['cpp', CPP], ['python3', PY], ['c cached', C]] as const) {
      const stack: number[] = [];
      for (let i = 0; i < N + 2; i++) {
        const t = performance.now();
        const source = language === 'c cached' ? C : sourceCode + `// ${i}\n`.replace('//', language === 'python3' ? '#' : '//');
        const id = await submit(gw.url, { language: language === 'c cached' ? 'c' : language, sourceCode: source, stdin: '2 3\n', expectedOutput: '5' });
        const { final } = await watch(gw.wsUrl, id);
        if (final.verdict !== 'AC') throw new Error(`${language}: ${final.verdict} ${final.compileOutput ?? ''}`);
        if (i >= 2) stack.push(performance.now() - t); // the first two warm caches
      }
      const baseline = Array.from({ length: language === 'c cached' ? N : Math.min(N, 10) }, () => bare(language));
      const m = median(stack);
      const b = median(baseline);
      console.log(`  ${language.padEnd(8)} ${load()} stack median ${m.toFixed(1)}  p90 ${[...stack].sort((x, y) => x - y)[Math.floor(stack.length * 0.9)].toFixed(1)}   bare ${language === 'c cached' ? 'run' : 'compile+run'} median ${b.toFixed(1)}   stack overhead +${(m - b).toFixed(1)} ms (×${(m / b).toFixed(2)})`);
    }
  } finally {
    await judge.close();
    await gw.close();
    await cleanUp();
    rmSync(tmp, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
