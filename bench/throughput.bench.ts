// Throughput: N identical hello worlds (C, binary cached after the first; then Python) judged by
// a real stack (a gateway and a judge, each its own process). Baseline, in the same command: the
// cost of one bare `bwrap` run of the same program (same namespaces, no cgroup, no judge), so the
// sandbox-bound ideal is cores / cost a second; the figure is judged per second / ideal.
// Also prints the CPU time the gateway and the judge processes spent per submission (their own,
// not the sandboxed programs'), and this benchmark's own (its 16 clients and WebSocket follower,
// which share the machine's cores and which the ideal does not count), the rest of the machine's
// busy CPU time (the boxes: bwrap, box-init and the programs, the kernel's work making and
// tearing them down, Redis) and its idle time, each per submission (from /proc/stat), the RSS of
// the gateway and the judge before and after, and the load average.
// Usage: npm run bench:throughput [-- N]   (JUDGE_CONCURRENCY and JUDGE_IN_FLIGHT in the environment are passed on)
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs, load, machineCpuMs, openFollower, quantile, rssMiB, startStack, submit } from './support/bench-stack';

const N = Number(process.argv[2] ?? 200);
const CORES = cpus().length;
const C = '#include <stdio.h>\nint main(void){puts("hello, world");return 0;}\n';
const PY = 'print("hello, world")\n';

function spawnWait(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.resume();
    c.stderr.resume();
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

/** Median ms of one bare bwrap run of `argv` (the folder `dir` mounted at /prog). */
async function bareBwrap(dir: string, argv: string[], runs = 60): Promise<number> {
  const args = [
    '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session',
    '--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin',
    '--proc', '/proc', '--dev', '/dev', '--ro-bind', dir, '/prog', ...argv,
  ];
  const xs: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t = performance.now();
    await spawnWait('bwrap', args);
    if (i >= 5) xs.push(performance.now() - t);
  }
  return quantile(xs, 0.5);
}

(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oj-bench-bin-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'main.c'), C);
  writeFileSync(join(dir, 'main.py'), PY);
  execFileSync('gcc', ['-O2', '-o', join(dir, 'main'), join(dir, 'main.c')]);
  const stack = await startStack({ env: process.env.JUDGE_CONCURRENCY ? { JUDGE_CONCURRENCY: process.env.JUDGE_CONCURRENCY } : {} });
  const follower = await openFollower(stack);
  try {
    console.log(`throughput: ${N} hello worlds per language, ${CORES} cores, JUDGE_CONCURRENCY=${process.env.JUDGE_CONCURRENCY ?? 'default'}; ${load()}`);
    const rss0 = { gateway: rssMiB(stack.gateway.pid), judge: rssMiB(stack.judge!.pid) };
    for (const [language, sourceCode, argv] of [['c', C, ['/prog/main']], ['python3', PY, ['/usr/bin/python3', '/prog/main.py']]] as const) {
      const body = { language, sourceCode, stdin: '', expectedOutput: 'hello, world' };
      // Warm-up: the first compiles (and fills the program cache), the next few warm the JIT.
      for (let i = 0; i < 3; i++) await follower.follow(await submit(stack, body));
      // The bare cost is measured before and after the stack's run (the machine's load moves).
      const before = await bareBwrap(dir, [...argv]);
      const cpu0 = { gateway: cpuMs(stack.gateway.pid), judge: cpuMs(stack.judge!.pid), clients: process.cpuUsage(), machine: machineCpuMs() };
      const t0 = performance.now();
      const finals: Promise<{ final: any; at: number }>[] = [];
      let next = 0;
      // 16 clients posting as fast as they are answered; each submission is followed over one WebSocket.
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < N) {
          next++;
          const id = await submit(stack, body);
          finals.push(follower.follow(id));
        }
      }));
      const done = await Promise.all(finals);
      const elapsed = (Math.max(...done.map((d) => d.at)) - t0) / 1000;
      const bad = done.filter((d) => d.final.verdict !== 'AC');
      if (bad.length) throw new Error(`${bad.length} not AC: ${JSON.stringify(bad[0].final)}`);
      const own = process.cpuUsage(cpu0.clients);
      const machine = machineCpuMs();
      const cpu = { gateway: (cpuMs(stack.gateway.pid) - cpu0.gateway) / N, judge: (cpuMs(stack.judge!.pid) - cpu0.judge) / N, clients: (own.user + own.system) / 1000 / N,
        busy: (machine.busy - cpu0.machine.busy) / N, idle: (machine.idle - cpu0.machine.idle) / N };
      const cost = (before + (await bareBwrap(dir, [...argv]))) / 2;
      const rate = N / elapsed;
      const ideal = (CORES * 1000) / cost;
      console.log(`  ${language.padEnd(8)} judged ${rate.toFixed(1)}/s (${N} in ${elapsed.toFixed(2)} s)   bare bwrap run ${cost.toFixed(2)} ms → ideal ${ideal.toFixed(0)}/s   efficiency ×${(rate / ideal).toFixed(3)}   CPU per submission: gateway ${cpu.gateway.toFixed(1)} ms, judge ${cpu.judge.toFixed(1)} ms, this benchmark's clients ${cpu.clients.toFixed(1)} ms, everything else ${(cpu.busy - cpu.gateway - cpu.judge - cpu.clients).toFixed(1)} ms (the boxes, the kernel's work for them, Redis), idle ${cpu.idle.toFixed(1)} ms   ${load()}`);
    }
    console.log(`  RSS MiB: gateway ${rss0.gateway.toFixed(0)} → ${rssMiB(stack.gateway.pid).toFixed(0)}, judge ${rss0.judge.toFixed(0)} → ${rssMiB(stack.judge!.pid).toFixed(0)}`);
  } finally {
    follower.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
