// Cost of one sandboxed run. In one process, times N runs of a trivial compiled C program:
//   1. through the judge's own SandboxService (cgroup + rlimits + bwrap + box-init, output
//      captured), with warm boxes (the default when root) and without (JUDGE_WARM_BOXES=0), each
//      back to back and with 20 ms between runs (the kernel's cgroup moves cost more after a
//      quiet spell: docs/sandbox.md, "Warm boxes"),
//   2. under a bare `bwrap` call with the same namespaces (no cgroup, no setpriv),
//   3. bare, no sandbox at all: started by Node's spawn, and started by the box launcher (as the
//      judge starts its boxes, so the difference is the box alone),
// and prints medians, p90 and the ratios. Usage: npm run bench:sandbox [-- N]
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessRunner } from '../apps/judge/src/process/process-runner';
import { buildRuntimeBinary } from '../apps/judge/src/sandbox/box-init';
import { BOX_LAUNCHER_SOURCE, BoxLauncher } from '../apps/judge/src/sandbox/box-launcher';
import { SandboxService } from '../apps/judge/src/sandbox/sandbox.service';

const N = Number(process.argv[2] ?? 200);
/** The judges' work folder; the program lives in it, as the judge's programs do (mounted late in a warm box). */
const work = join(tmpdir(), 'oj-bench-runtime');
mkdirSync(join(work, 'programs'), { recursive: true, mode: 0o755 });
const dir = mkdtempSync(join(work, 'programs', 'bench-'));
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

async function time(label: string, run: () => Promise<unknown>, gapMs = 0): Promise<{ label: string; median: number; p90: number }> {
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    const t = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(N / 2)], p90: samples[Math.floor(N * 0.9)] };
}

(async () => {
  const sandboxes = [6, 0].map((warm) => new SandboxService({ judgeBoxUid: 60000 + warm * 100, judgeConcurrency: 1, judgeWarmBoxes: warm, judgeWorkDir: work } as never, new ProcessRunner()));
  for (const s of sandboxes) await s.onModuleInit();
  const limits = { cpuMs: 1000, wallMs: 2000, memoryKb: 262144, outputKb: 1024, processes: 16, fileSizeKb: 65536 };
  const bare = await time('bare program', () => spawnWait(join(dir, 'main'), []));
  // The same program started the way the judge starts boxes (the box launcher's posix_spawn),
  // without a box: what the sandbox itself adds, without Node's fork of this process.
  const launcher = new BoxLauncher(buildRuntimeBinary(join(work, 'runtime'), 'box-launcher', BOX_LAUNCHER_SOURCE, new ProcessRunner()), new ProcessRunner(), { PATH: '/usr/bin:/bin' });
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
  const judges: Array<{ label: string; median: number; p90: number }> = [];
  for (const gap of [0, 20]) {
    for (const sandbox of sandboxes) {
      judges.push(await time(`judge sandbox, ${gap ? `${gap} ms apart` : 'back to back'} (${sandbox.describe().replace(/^.*cgroups /, 'cgroups ')})`, async () => {
        const r = await sandbox.run({ argv: ['/prog/main'], mounts: [{ source: dir, target: '/prog' }], limits });
        if (r.outcome !== 'exited' || r.exitCode !== 0) throw new Error(`unexpected ${r.outcome}`);
      }, gap));
    }
  }
  console.log(`${N} runs each of a trivial C program (medians and p90, ms):`);
  for (const r of [bare, launched, bwrap, ...judges]) console.log(`  ${r.label.padEnd(90)} median ${r.median.toFixed(2)}  p90 ${r.p90.toFixed(2)}`);
  for (const judge of judges) {
    console.log(`  ${judge.label}:`);
    console.log(`    over bare:  +${(judge.median - bare.median).toFixed(2)} ms  (×${(judge.median / bare.median).toFixed(1)});  over bare through the launcher: +${(judge.median - launched.median).toFixed(2)} ms;  over bwrap: ${judge.median - bwrap.median >= 0 ? '+' : ''}${(judge.median - bwrap.median).toFixed(2)} ms`);
  }
  rmSync(dir, { recursive: true, force: true });
  for (const s of sandboxes) await s.onApplicationShutdown();
})();
