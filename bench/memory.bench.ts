// Memory over many submissions: N cached C hello worlds (default 10,000) judged by a real stack
// (gateway and judge, each its own process) in 10 rounds; the RSS of both after each round. Flat
// means no growth after the first rounds (caches filled, JIT warm). Baseline: the RSS right after
// the warm-up, printed as the ratio of the last round to it.
// Usage: npm run bench:memory [-- N]
import { load, openFollower, rssMiB, startStack, submit } from './support/bench-stack';

const N = Number(process.argv[2] ?? 10000);
const ROUNDS = 10;
const body = { language: 'c', sourceCode: '#include <stdio.h>\nint main(void){puts("hello, world");return 0;}\n', stdin: '', expectedOutput: 'hello, world' };

(async () => {
  const stack = await startStack();
  const follower = await openFollower(stack);
  try {
    console.log(`memory: ${N} submissions in ${ROUNDS} rounds; ${load()}`);
    for (let i = 0; i < 5; i++) await follower.follow(await submit(stack, body));
    const base = { gateway: rssMiB(stack.gateway.pid), judge: rssMiB(stack.judge!.pid) };
    console.log(`  after warm-up: gateway ${base.gateway.toFixed(0)} MiB, judge ${base.judge.toFixed(0)} MiB`);
    const t0 = performance.now();
    let last = base;
    for (let r = 1; r <= ROUNDS; r++) {
      const n = Math.ceil(N / ROUNDS);
      const finals: Promise<unknown>[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < n) {
          next++;
          finals.push(follower.follow(await submit(stack, body)));
        }
      }));
      await Promise.all(finals);
      last = { gateway: rssMiB(stack.gateway.pid), judge: rssMiB(stack.judge!.pid) };
      console.log(`  round ${r}: ${r * n} judged (${((r * n) / ((performance.now() - t0) / 1000)).toFixed(1)}/s)  gateway ${last.gateway.toFixed(0)} MiB, judge ${last.judge.toFixed(0)} MiB  ${load()}`);
    }
    console.log(`  last round / warm-up: gateway ×${(last.gateway / base.gateway).toFixed(2)}, judge ×${(last.judge / base.judge).toFixed(2)}`);
  } finally {
    follower.close();
    await stack.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
