// Warm boxes (docs/sandbox.md, "Warm boxes") against the real sandbox: a box made ahead for a
// run's shape gives that run exactly what a box made at its start gives (its own files and only
// them, read-only unless asked, a box uid without capabilities, limits, and CPU time and memory
// counted from the run), whichever box took it; and the judge cleans up after them.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessRunner } from '../../../apps/judge/src/process/process-runner';
import { SandboxService } from '../../../apps/judge/src/sandbox/sandbox.service';
import { RunLimits, RunSpec } from '../../../apps/judge/src/sandbox/sandbox.types';

jest.setTimeout(120000);

const root = process.getuid?.() === 0;
const dir = mkdtempSync(join(process.env.E2E_TMP!, 'warm-boxes-'));
chmodSync(dir, 0o755);
const limits: RunLimits = { cpuMs: 2000, wallMs: 10000, memoryKb: 262144, outputKb: 64, processes: 16, fileSizeKb: 65536 };
const BOX_UID = 63000;

/** A C program, built once, in its own folder under `work` (where the judge keeps programs). */
function program(work: string, name: string, source: string): string {
  const folder = join(work, 'programs', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'main.c'), source);
  execFileSync('gcc', ['-O2', '-o', join(folder, 'main'), join(folder, 'main.c')]);
  chmodSync(join(work, 'programs'), 0o755);
  return folder;
}

/** This process's judges' box-inits still waiting in a warm box (box-init --wait, in a cgroup of `oj-judge-<our pid>`). */
function waitingBoxInits(): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('/.box-init\0--wait\0')
        && readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(`/oj-judge-${process.pid}/`);
    } catch {
      return false;
    }
  });
}

describe.each([
  ['warm boxes', 4],
  ['boxes made at the run', 0],
])('the same runs in %s', (_, warmBoxes) => {
  const work = join(dir, `work-${warmBoxes}`);
  const sandbox = new SandboxService({ judgeBoxUid: BOX_UID + warmBoxes * 10, judgeConcurrency: 1, judgeWarmBoxes: warmBoxes, judgeWorkDir: work } as never, new ProcessRunner());
  const probe = program(work, 'probe', [
    '#include <stdio.h>', '#include <string.h>', '#include <unistd.h>',
    'int main(void) {',
    '  char line[256], name[64] = "";',
    '  FILE *f = fopen("/prog/name", "r"); if (f) { fgets(name, sizeof name, f); fclose(f); }',
    '  int writable = fopen("/prog/new", "w") != NULL;',
    '  printf("name=%s uid=%d writable=%d", name, (int)getuid(), writable);',
    '  FILE *s = fopen("/proc/self/status", "r");',
    '  while (fgets(line, sizeof line, s)) if (!strncmp(line, "CapEff", 6) || !strncmp(line, "NoNewPrivs", 10) || !strncmp(line, "Seccomp:", 8)) { line[strcspn(line, "\\n")] = 0; printf(" %s", line); }',
    '  return 0;',
    '}',
  ].join('\n'));
  const other = join(work, 'programs', 'other');
  const run = (extra: Partial<RunSpec> = {}, folder = probe) => sandbox.run({ argv: ['/prog/main'], mounts: [{ source: folder, target: '/prog' }], limits, ...extra });

  beforeAll(async () => {
    writeFileSync(join(probe, 'name'), 'probe');
    mkdirSync(other);
    execFileSync('cp', [join(probe, 'main'), join(other, 'main')]);
    writeFileSync(join(other, 'name'), 'other');
    await sandbox.onModuleInit();
  });
  afterAll(() => sandbox.onApplicationShutdown());

  (root ? it : it.skip)('uses a warm box for every run of a shape after the first, when there are any', async () => {
    await run();
    const before = sandbox.warmBoxes().taken;
    for (let i = 0; i < 3; i++) await run();
    expect(sandbox.warmBoxes().taken - before).toBe(warmBoxes ? 3 : 0);
  });

  it("sees its own program's files read-only, as a box uid without capabilities, under seccomp", async () => {
    const r = await run();
    const uid = Number(/uid=(\d+)/.exec(r.stdout.toString())?.[1]);
    expect(r.stdout.toString().replace(/uid=\d+/, 'uid=U').replace(/\s+/g, ' '))
      .toBe('name=probe uid=U writable=0 CapEff: 0000000000000000 NoNewPrivs: 1 Seccomp: 2');
    if (root) expect(uid).toBeGreaterThanOrEqual(BOX_UID);
  });

  it("each run of one shape sees its own program's folder, not the one before it", async () => {
    const seen: string[] = [];
    for (const folder of [probe, other, probe, other]) seen.push(/name=(\w+)/.exec((await run({}, folder)).stdout.toString())?.[1] ?? '');
    expect(seen).toEqual(['probe', 'other', 'probe', 'other']);
  });

  it('gets a file mounted on its own (a checker\'s input) and a writable work folder', async () => {
    const job = join(work, 'jobs', `job-${warmBoxes}`);
    mkdirSync(job, { recursive: true });
    chmodSync(job, 0o777);
    writeFileSync(join(job, 'input'), 'forty-two');
    for (let i = 0; i < 2; i++) {
      const r = await sandbox.run({ argv: ['/bin/sh', '-c', `cat /judge/input > /box/copy-${i} && cat /box/copy-${i}`], mounts: [{ source: join(job, 'input'), target: '/judge/input' }], workDir: job, limits });
      expect([r.exitCode, r.stdout.toString(), readFileSync(join(job, `copy-${i}`), 'utf8')]).toEqual([0, 'forty-two', 'forty-two']);
      if (root) expect(statSync(join(job, `copy-${i}`)).uid).toBeGreaterThanOrEqual(BOX_UID);
    }
  });

  it('counts CPU time and memory from the run on, and enforces the limits', async () => {
    const busy = program(work, 'busy', '#include <stdlib.h>\n#include <string.h>\n#include <time.h>\nint main(int c, char **v){ size_t n = (size_t)atoi(v[1]) << 20; char *p = malloc(n); memset(p, 1, n); clock_t end = (clock_t)atoi(v[2]) * (CLOCKS_PER_SEC / 1000); volatile long i = 0; while (clock() < end) i++; return p[n / 2] - 1; }\n');
    await run({ argv: ['/prog/main', '1', '0'] }, busy);
    const r = await run({ argv: ['/prog/main', '64', '300'] }, busy);
    expect(r.outcome).toBe('exited');
    expect(r.cpuMs).toBeGreaterThanOrEqual(290);
    expect(r.cpuMs).toBeLessThan(1000);
    if (r.memoryKb !== null) expect(r.memoryKb).toBeGreaterThanOrEqual(64 * 1024);
    const idle = await run({ argv: ['/prog/main', '1', '0'] }, busy);
    expect(idle.cpuMs).toBeLessThan(100);
    if (idle.memoryKb !== null) expect(idle.memoryKb).toBeLessThan(16 * 1024);
    expect((await run({ argv: ['/prog/main', '1', '5000'] }, busy)).outcome).toBe('time-limit');
    if (r.memoryKb !== null) expect(await run({ argv: ['/prog/main', '400', '0'] }, busy)).toMatchObject({ outcome: 'memory-limit', memoryLimitHit: true });
  });

  it('is fed its stdin and its output is capped as asked', async () => {
    writeFileSync(join(dir, `stdin-${warmBoxes}`), 'abc');
    const spec = { argv: ['/bin/sh', '-c', 'cat; head -c 100000 /dev/zero'], mounts: [], stdinFile: join(dir, `stdin-${warmBoxes}`), limits: { ...limits, outputKb: 1 } };
    await sandbox.run(spec);
    const r = await sandbox.run(spec);
    expect([r.outcome, r.outputLimitStream, r.stdout.subarray(0, 3).toString(), r.stdout.length]).toEqual(['output-limit', 'stdout', 'abc', 1024]);
  });
});

(root ? describe : describe.skip)('warm boxes: when they go and what they leave', () => {
  const work = join(dir, 'work-life');
  const sandbox = new SandboxService({ judgeBoxUid: BOX_UID + 500, judgeConcurrency: 1, judgeWarmBoxes: 2, judgeWorkDir: work } as never, new ProcessRunner());
  const spec = (argv: string[]): RunSpec => ({ argv, mounts: [], limits });

  beforeAll(() => sandbox.onModuleInit());

  it('a run whose warm box died before it is run in a box made then', async () => {
    await sandbox.run(spec(['/bin/true']));
    expect(sandbox.warmBoxes().waiting).toBeGreaterThan(0);
    for (const pid of waitingBoxInits()) process.kill(pid, 'SIGKILL');
    const r = await sandbox.run(spec(['/bin/echo', 'still judged']));
    expect([r.outcome, r.exitCode, r.stdout.toString()]).toEqual(['exited', 0, 'still judged\n']);
  });

  it('keeps at most JUDGE_WARM_BOXES, the least recently used shapes going first', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await sandbox.run({ ...spec(['/bin/echo', String(i)]), limits: { ...limits, memoryKb: 65536 + i * 1024 } });
      expect(r.stdout.toString()).toBe(`${i}\n`);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(sandbox.warmBoxes().waiting).toBeLessThanOrEqual(2);
  });

  it('leaves no waiting box and no cgroup behind at shutdown', async () => {
    const cgroupsOf = () => execFileSync('find', ['/sys/fs/cgroup', '-maxdepth', '5', '-type', 'd', '-name', `oj-judge-${process.pid}`], { encoding: 'utf8' }).trim();
    expect(waitingBoxInits().length).toBeGreaterThan(0);
    await sandbox.onApplicationShutdown();
    expect(waitingBoxInits()).toEqual([]);
    expect(cgroupsOf()).toBe('');
  });
});
