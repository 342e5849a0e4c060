import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CgroupV2Driver, PEAK_SAMPLE_MS, PROCESSES_LEAF } from './cgroups';

// The v2 driver against a folder laid out like a cgroup2 mount. The kernel's own behaviour
// (limits, OOM kills, real migrations) is asserted by the sandbox e2e suite in the cgroup-v2
// guest (scripts/vm/test-cgroup-v2.sh); here: where the driver puts things, what it writes and
// how it reads usage, including the fallback for kernels without memory.peak.
let mount: string;

/** A cgroup folder as the kernel shows it; `root` has no cgroup.type. */
function cgroup(path: string, files: Record<string, string> = {}, root = false): string {
  const dir = join(mount, path);
  mkdirSync(dir, { recursive: true });
  const defaults: Record<string, string> = { 'cgroup.controllers': 'cpuset cpu io memory pids\n', 'cgroup.subtree_control': '', 'cgroup.procs': '' };
  if (!root) defaults['cgroup.type'] = 'domain\n';
  for (const [name, content] of Object.entries({ ...defaults, ...files })) writeFileSync(join(dir, name), content);
  return dir;
}
const file = (...p: string[]) => readFileSync(join(mount, ...p), 'utf8');

beforeEach(() => { mount = mkdtempSync(join(tmpdir(), 'oj-cgroup-spec-')); });
afterEach(() => rmSync(mount, { recursive: true, force: true }));

describe('CgroupV2Driver', () => {
  it('moves the processes of its delegated cgroup into oj-procs, then enables the controllers there', () => {
    cgroup('', {}, true);
    cgroup('system.slice/oj-judge.service', { 'cgroup.procs': '4242\n' });
    cgroup(`system.slice/oj-judge.service/${PROCESSES_LEAF}`);
    cgroup('system.slice/oj-judge.service/oj-judge-1');
    const driver = new CgroupV2Driver(mount, 'oj-judge-1', '0::/system.slice/oj-judge.service\n');
    expect(driver.subtree).toBe(join(mount, 'system.slice/oj-judge.service'));
    // A write to a fake cgroup.procs replaces it: the last pid written is what it holds.
    expect(file('system.slice/oj-judge.service', PROCESSES_LEAF, 'cgroup.procs')).toBe('4242');
    // One controller per write (a fake file keeps the last): memory, pids, then cpu.
    expect(file('system.slice/oj-judge.service/cgroup.subtree_control')).toBe('+cpu');
    expect(file('system.slice/oj-judge.service/oj-judge-1/cgroup.subtree_control')).toBe('+cpu');
  });

  it('a judge started in the oj-procs leaf shares the subtree instead of nesting another', () => {
    cgroup('svc', { 'cgroup.subtree_control': 'cpu memory pids\n' });
    cgroup(`svc/${PROCESSES_LEAF}`, { 'cgroup.procs': '1\n' });
    cgroup('svc/oj-judge-2', { 'cgroup.subtree_control': 'cpu memory pids\n' });
    const driver = new CgroupV2Driver(mount, 'oj-judge-2', `0::/svc/${PROCESSES_LEAF}\n`);
    expect(driver.subtree).toBe(join(mount, 'svc'));
  });

  it('refuses a subtree the memory controller was not delegated to, naming it', () => {
    cgroup('user', { 'cgroup.controllers': 'cpu pids\n' });
    expect(() => new CgroupV2Driver(mount, 'oj-judge-3', '0::/user\n')).toThrow(/memory controller is not delegated to .*user/);
  });

  it('sets memory.max, memory.swap.max 0 and pids.max, and reads cpu.stat, memory.peak and memory.events', async () => {
    cgroup('', { 'cgroup.subtree_control': 'cpu memory pids\n' }, true);
    cgroup('oj-judge-4', { 'cgroup.subtree_control': 'cpu memory pids\n', 'memory.peak': '0\n' });
    const driver = new CgroupV2Driver(mount, 'oj-judge-4', '0::/\n');
    expect(driver.exactPeak).toBe(true);
    const box = cgroup('oj-judge-4/box-0-1', { 'memory.swap.max': 'max\n' });
    const cg = await driver.create('box-0-1', { memoryKb: 1024, processes: 7 });
    expect([file('oj-judge-4/box-0-1/memory.max'), file('oj-judge-4/box-0-1/memory.swap.max'), file('oj-judge-4/box-0-1/pids.max')]).toEqual(['1048576', '0', '7']);
    expect(cg.procsFiles).toEqual([join(box, 'cgroup.procs')]);
    writeFileSync(join(box, 'cpu.stat'), 'usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n');
    writeFileSync(join(box, 'memory.peak'), String(900 * 1024 + 1));
    writeFileSync(join(box, 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n');
    expect(cg.usage()).toEqual({ cpuMs: 1234.567, peakMemoryKb: 901, oomKilled: true, memoryLimitHit: true });
    rmSync(box, { recursive: true });
    await cg.remove();
  });

  it("counts a warm box's CPU time from restart(), not from when its box-init joined", async () => {
    cgroup('', { 'cgroup.subtree_control': 'cpu memory pids\n' }, true);
    cgroup('oj-judge-6', { 'cgroup.subtree_control': 'cpu memory pids\n', 'memory.peak': '0\n' });
    const driver = new CgroupV2Driver(mount, 'oj-judge-6', '0::/\n');
    const box = cgroup('oj-judge-6/warm-1', { 'cpu.stat': 'usage_usec 2500\n', 'memory.peak': '4096\n', 'memory.events': 'max 0\noom_kill 0\n' });
    const cg = await driver.create('warm-1', { memoryKb: 1024, processes: 7 });
    cg.restart();
    expect(cg.cpuMs()).toBe(0);
    writeFileSync(join(box, 'cpu.stat'), 'usage_usec 10500\n');
    expect(cg.cpuMs()).toBe(8);
    expect(cg.usage()).toMatchObject({ cpuMs: 8, peakMemoryKb: 4 });
    rmSync(box, { recursive: true });
    await cg.remove();
  });

  it('without memory.peak (kernel before 5.19) samples memory.current, and a run that hit the limit peaked at it', async () => {
    cgroup('', { 'cgroup.subtree_control': 'cpu memory pids\n' }, true);
    cgroup('oj-judge-5', { 'cgroup.subtree_control': 'cpu memory pids\n' });
    const driver = new CgroupV2Driver(mount, 'oj-judge-5', '0::/\n');
    expect(driver.exactPeak).toBe(false);
    const box = cgroup('oj-judge-5/box-0-1', { 'memory.current': String(300 * 1024) });
    const cg = await driver.create('box-0-1', { memoryKb: 1024, processes: 1 });
    await new Promise((r) => setTimeout(r, PEAK_SAMPLE_MS * 5));
    writeFileSync(join(box, 'memory.current'), String(100 * 1024));
    writeFileSync(join(box, 'memory.events'), 'max 0\noom_kill 0\n');
    expect(cg.usage().peakMemoryKb).toBe(300);

    const other = cgroup('oj-judge-5/box-0-2', { 'memory.current': '0' });
    const hit = await driver.create('box-0-2', { memoryKb: 1024, processes: 1 });
    writeFileSync(join(other, 'memory.events'), 'max 0\noom_kill 1\n');
    expect(hit.usage()).toMatchObject({ peakMemoryKb: 1024, oomKilled: true });
    for (const d of [box, other]) rmSync(d, { recursive: true });
    await Promise.all([cg.remove(), hit.remove()]);
  });

  it("samples a warm box's memory only from its run's start (restart), not while it waits", async () => {
    cgroup('', { 'cgroup.subtree_control': 'cpu memory pids\n' }, true);
    cgroup('oj-judge-7', { 'cgroup.subtree_control': 'cpu memory pids\n' });
    const driver = new CgroupV2Driver(mount, 'oj-judge-7', '0::/\n');
    const box = cgroup('oj-judge-7/warm-1', { 'memory.current': String(500 * 1024), 'memory.events': 'max 0\noom_kill 0\n' });
    const cg = await driver.create('warm-1', { memoryKb: 1024, processes: 1 }, true);
    await new Promise((r) => setTimeout(r, PEAK_SAMPLE_MS * 5));
    writeFileSync(join(box, 'memory.current'), String(200 * 1024));
    cg.restart();
    await new Promise((r) => setTimeout(r, PEAK_SAMPLE_MS * 5));
    writeFileSync(join(box, 'memory.current'), String(100 * 1024));
    expect(cg.usage().peakMemoryKb).toBe(200);
    rmSync(box, { recursive: true });
    await cg.remove();
  });
});
