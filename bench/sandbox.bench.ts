// Cost of one sandboxed run. In one process, times N runs of a trivial compiled C program:
//   1. through the judge's own SandboxService (cgroup + rlimits + bwrap + setpriv, output captured),
//   2. under a bare `bwrap` call with the same namespaces (no cgroup, no setpriv),
//   3. bare, no sandbox at all: started by Node's spawn, and started by the box launcher (as the
//      judge starts its boxes, so the difference is the box alone),
// and prints medians, p90 and the ratios. Usage: npm run bench:sandbox [-- N]
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessRunner } from '../apps/judge/src/process/process-runner';
import { buildRuntimeBinary } from '../apps/judge/src/sandbox/box-init';
import { BOX_LAUNCHER_SOURCE, BoxLauncher } from '../apps/judge/src/sandbox/box-launcher';
import { SandboxService } from '../apps/judge/src/sandbox/sandbox.service';

const N = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'oj-bench-'));
chmodSync(dir, 0o755); // the box user must reach the program
writeFileSync(join(dir, 'main.c'), '#include <stdio.h>\nint main(void){puts("hi");return 0;}\n');
execFileSync('gcc', ['-O2', '-o', join(dir, 'main'), join(dir, 'main.c')]);

function spawnWait(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.resume();
    c.stderr.resume();
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function time(label: string, run: () => Promise<unknown>): Promise<{ label: string; median: number; p90: number }> {
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(N / 2)], p90: samples[Math.floor(N * 0.9)] };
}

(async () => {
  const sandbox = new SandboxService({ judgeBoxUid: 60000, judgeConcurrency: 1, judgeWorkDir: join(tmpdir(), 'oj-bench-runtime') } as never, new ProcessRunner());
  await sandbox.onModuleInit();
  const limits = { cpuMs: 1000, wallMs: 2000, memoryKb: 262144, outputKb: 1024, processes: 16, fileSizeKb: 65536 };
  const bare = await time('bare program', () => spawnWait(join(dir, 'main'), []));
  // The same program started the way the judge starts boxes (the box launcher's posix_spawn),
  // without a box: what the sandbox itself adds, without Node's fork of this process.
  const launcher = new BoxLauncher(buildRuntimeBinary(join(tmpdir(), 'oj-bench-runtime', 'runtime'), 'box-launcher', BOX_LAUNCHER_SOURCE, new ProcessRunner()), new ProcessRunner(), { PATH: '/usr/bin:/bin' });
  const capture = { capBytes: 1 << 20, killOnOverflow: true };
  const launched = await time('bare program, through the box launcher', async () => {
    const d = await launcher.launch([join(dir, 'main')], [{ target: 0, null: true }, { target: 1, capture }, { target: 2, capture }]).done;
    if (d.code !== 0) throw new Error(`exit ${d.code}`);
  });
  launcher.close();
  const bwrap = await time('bare bwrap', () => spawnWait('bwrap', [
    '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session',
    '--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin',
    '--proc', '/proc', '--dev', '/dev', '--ro-bind', dir, '/prog', '/prog/main',
  ]));
  const judge = await time(`judge sandbox (${sandbox.describe()})`, async () => {
    const r = await sandbox.run({ argv: ['/prog/main'], mounts: [{ source: dir, target: '/prog' }], limits });
    if (r.outcome !== 'exited' || r.exitCode !== 0) throw new Error(`unexpected ${r.outcome}`);
  });
  console.log(`${N} runs each of a trivial C program (medians and p90, ms):`);
  for (const r of [bare, launched, bwrap, judge]) console.log(`  ${r.label.padEnd(60)} median ${r.median.toFixed(2)}  p90 ${r.p90.toFixed(2)}`);
  console.log(`  judge sandbox over bare:  +${(judge.median - bare.median).toFixed(2)} ms  (×${(judge.median / bare.median).toFixed(1)})`);
  console.log(`  judge sandbox over bare through the launcher: +${(judge.median - launched.median).toFixed(2)} ms  (×${(judge.median / launched.median).toFixed(1)})`);
  console.log(`  judge sandbox over bwrap: +${(judge.median - bwrap.median).toFixed(2)} ms  (×${(judge.median / bwrap.median).toFixed(1)})`);
  rmSync(dir, { recursive: true, force: true });
  await sandbox.onApplicationShutdown();
})();
