// Submit-to-verdict latency. Starts a real stack (a gateway and a judge, each its own process, as
// deployed; own Redis namespace, temporary SQLite), then for C++ and Python times POST
// /api/v1/submissions → the final WebSocket frame for a one-test submission, N times each, followed
// two ways: over one WebSocket kept open (a page of the web app: it subscribes once the POST is
// answered), and over a WebSocket opened for each submission once its POST is answered (connection
// set-up, upgrade and authentication included). As a baseline, the same work done bare in the same
// command: compile (g++ -O2) and run, or run python3, without the stack. Then `c cached`: the same
// C source every time (compiled once, then from the program cache) against running its binary
// bare: the stack's own overhead on a judged run.
// Usage: npm run bench:latency [-- N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { BenchStack, openFollower, startStack, submit } from './support/bench-stack';

const N = Number(process.argv[2] ?? 20);
const load = () => `load ${loadavg()[0].toFixed(1)}`;
const tmp = mkdtempSync(join(tmpdir(), 'oj-latency-'));

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

/** Opens a WebSocket, subscribes to `id` and resolves with the final frame's data. */
function watchOnNewSocket(stack: BenchStack, id: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(stack.wsUrl, { headers: { authorization: `Bearer ${stack.token}` } });
    ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } })));
    ws.on('message', (m) => {
      const frame = JSON.parse(m.toString());
      if (frame.event === 'error') reject(new Error(frame.data.message));
      if (frame.data?.status === 'finished') {
        ws.close();
        resolve(frame.data);
      }
    });
    ws.on('error', reject);
  });
}

(async () => {
  const stack = await startStack();
  const follower = await openFollower(stack);
  try {
    console.log(`POST → final WebSocket frame, one test, ${N} runs each (ms):`);
    writeFileSync(join(tmp, 'c-main.c'), C);
    execFileSync('gcc', ['-O2', '-o', join(tmp, 'c-main'), join(tmp, 'c-main.c')]);
    for (const [language, sourceCode] of [['cpp', CPP], ['python3', PY], ['c cached', C]] as const) {
      const times = { open: [] as number[], new: [] as number[] };
      for (let i = 0; i < N + 2; i++) {
        for (const socket of ['open', 'new'] as const) {
          const source = language === 'c cached' ? C : sourceCode + `// ${i} ${socket}\n`.replace('//', language === 'python3' ? '#' : '//');
          const t = performance.now();
          const id = await submit(stack, { language: language === 'c cached' ? 'c' : language, sourceCode: source, stdin: '2 3\n', expectedOutput: '5' });
          const final = socket === 'open' ? (await follower.follow(id)).final : await watchOnNewSocket(stack, id);
          if (final.verdict !== 'AC') throw new Error(`${language}: ${final.verdict} ${final.compileOutput ?? ''}`);
          if (i >= 2) times[socket].push(performance.now() - t); // the first two warm caches
        }
      }
      const baseline = Array.from({ length: language === 'c cached' ? N : Math.min(N, 10) }, () => bare(language));
      const b = median(baseline);
      const row = (xs: number[]) => {
        const m = median(xs);
        return `median ${m.toFixed(1)}  p90 ${[...xs].sort((x, y) => x - y)[Math.floor(xs.length * 0.9)].toFixed(1)}  over bare +${(m - b).toFixed(1)} ms (×${(m / b).toFixed(2)})`;
      };
      console.log(`  ${language.padEnd(8)} ${load()}   bare ${language === 'c cached' ? 'run' : 'compile+run'} median ${b.toFixed(1)}`);
      console.log(`    one open WebSocket:          ${row(times.open)}`);
      console.log(`    a new WebSocket per POST:    ${row(times.new)}`);
    }
  } finally {
    follower.close();
    await stack.close();
    rmSync(tmp, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
