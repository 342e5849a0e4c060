import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessRunner } from '../../../apps/judge/src/process/process-runner';
import { SandboxService } from '../../../apps/judge/src/sandbox/sandbox.service';
import { RunLimits, RunSpec } from '../../../apps/judge/src/sandbox/sandbox.types';

jest.setTimeout(120000);
const dir = mkdtempSync(join(process.env.E2E_TMP!, 'rv-'));
chmodSync(dir, 0o755);
const limits: RunLimits = { cpuMs: 2000, wallMs: 5000, memoryKb: 262144, outputKb: 64, processes: 16, fileSizeKb: 65536 };
const work = join(dir, 'work');
const sandbox = new SandboxService({ judgeBoxUid: 64100, judgeConcurrency: 1, judgeWarmBoxes: 2, judgeWorkDir: work } as never, new ProcessRunner());
function prog(name: string): string {
  const folder = join(work, 'programs', name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(`/tmp/rv/${name}`, join(folder, 'main'));
  chmodSync(join(folder, 'main'), 0o755);
  chmodSync(join(work, 'programs'), 0o755);
  return folder;
}
const run = (name: string, args: string[] = [], extra: Partial<RunSpec> = {}) => sandbox.run({ argv: ['/prog/main', ...args], mounts: [{ source: prog(name), target: '/prog' }], limits, ...extra });
const out = async (p: ReturnType<typeof run>) => { const r = await p; return `${r.outcome} ${r.exitCode} ${r.stdout.toString().trim()} ${r.stderr.toString().trim()}`; };
function launcherPid(): number {
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'latin1');
      const ppid = Number(/^\d+ \(.*\) \S (\d+)/s.exec(stat)![1]);
      if (ppid === process.pid && readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('box-launcher')) return Number(p);
    } catch { /* gone */ }
  }
  return -1;
}
const fdCount = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

beforeAll(() => sandbox.onModuleInit());
afterAll(() => sandbox.onApplicationShutdown());

const MODE = process.env.RV ?? 'all';
const t = (name: string, f: () => Promise<void>) => (MODE === 'all' || name.startsWith(MODE) ? it : it.skip)(name, f);

t('poke', async () => {
  await out(run('poke'));
  console.log('POKE', await out(run('poke')));
});

t('chan', async () => {
  await out(run('chan'));
  const taken0 = sandbox.warmBoxes().taken;
  const a = await out(run('chan'));
  const s = await out(run('chan', ['send', '0xa5b']));
  const b = await out(run('chan'));
  const s2 = await out(run('chan', ['send', '0x5a4']));
  const c = await out(run('chan'));
  console.log('CHAN', { a, s, b, s2, c, taken: sandbox.warmBoxes().taken - taken0 });
});

t('gc', async () => {
  await out(run('gc'));
  const a = await out(run('gc'));
  const h = await out(run('gc', ['hold']));
  const b = await out(run('gc'));
  await new Promise((r) => setTimeout(r, 2000));
  const c = await out(run('gc'));
  console.log('GC', { a, h, b, c });
});

t('holdout', async () => {
  await out(run('gc'));
  const t0 = Date.now();
  let h: string;
  try { h = await out(run('gc', ['holdout'], { limits: { ...limits, wallMs: 1000 } })); } catch (e) { h = `threw ${(e as Error).message}`; }
  const after = Date.now() - t0;
  const b = await out(run('gc', [], { limits: { ...limits, wallMs: 1000 } }));
  console.log('HOLDOUT', { h, after, b });
});

t('fds', async () => {
  await out(run('poke'));
  await out(run('poke'));
  const pid = launcherPid();
  const before = fdCount(pid);
  for (let i = 0; i < 200; i++) await sandbox.run({ argv: ['/bin/true'], mounts: [], limits });
  const after = fdCount(pid);
  console.log('FDS', { pid, before, after, fds: execFileSync('ls', ['-l', `/proc/${pid}/fd`]).toString() });
});
