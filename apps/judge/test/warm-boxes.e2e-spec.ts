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

/** The parent of each process. */
function parents(): Map<number, number> {
  const of = new Map<number, number>();
  for (const p of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      of.set(Number(p), Number(/^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${p}/stat`, 'latin1'))![1]));
    } catch { /* gone */ }
  }
  return of;
}

/** Processes descended from this one whose command line starts with `prefix` (NUL-separated). */
function ours(prefix: string): number[] {
  const of = parents();
  const mine = (pid: number): boolean => {
    for (let p = of.get(pid); p; p = of.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...of.keys()].filter((pid) => {
    try {
      return mine(pid) && readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith(prefix);
    } catch {
      return false;
    }
  });
}

/** This process's judges' warm boxes' box-inits (box-init --serve: each box's own, and its next run's keeper while it waits). */
function boxInits(): number[] {
  return ours('/.box-init\0--serve\0');
}

/** Each warm box's own box-init: the one whose parent is not a box-init. */
function boxes(): number[] {
  const all = boxInits();
  const of = parents();
  return all.filter((pid) => !all.includes(of.get(pid)!));
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

  // Where a warm box's keeper could differ from bwrap's init (found by a hostile review).
  it('gives the program what bwrap gives it: its own session, SIGPIPE as default, a ptrace stop ending it with 255', async () => {
    const session = await sandbox.run({ argv: ['/bin/sh', '-c', 'cut -d" " -f5,6 /proc/self/stat'], mounts: [], limits });
    expect(session.stdout.toString()).toBe('1 1\n');
    const pipe = await sandbox.run({ argv: ['/bin/sh', '-c', '(yes; echo "yes=$?" >&2) | true'], mounts: [], limits });
    expect(pipe.stderr.toString()).toBe('yes=141\n');
    const traced = program(work, 'traced', '#include <signal.h>\n#include <sys/ptrace.h>\nint main(void) { ptrace(PTRACE_TRACEME, 0, 0, 0); raise(SIGSTOP); return 0; }\n');
    await run({}, traced);
    expect(await run({}, traced)).toMatchObject({ outcome: 'exited', exitCode: 255 });
  });

  it('counts only the program in the process and memory limits: a fork at a limit of 2, a memory limit reached through /tmp', async () => {
    const forks = program(work, 'forks', '#include <stdio.h>\n#include <sys/wait.h>\n#include <unistd.h>\nint main(void) { pid_t p = fork(); if (p == 0) _exit(0); if (p > 0) wait(0); printf("fork %s", p > 0 ? "ok" : "failed"); return 0; }\n');
    const two = { ...limits, processes: 2 };
    await run({ limits: two }, forks);
    expect((await run({ limits: two }, forks)).stdout.toString()).toBe('fork ok');
    // The program's own pages stay few: its tmpfs writes fill the memory cgroup, not a tmpfs smaller than it.
    const fills = program(work, 'fills', '#include <fcntl.h>\n#include <unistd.h>\nstatic char b[4096];\nint main(void) { int fd = open("/tmp/fill", O_WRONLY | O_CREAT, 0600); while (write(fd, b, sizeof b) > 0) {} return 3; }\n');
    const small = { ...limits, memoryKb: 32 * 1024, scratchKb: 128 * 1024 };
    await run({ argv: ['/bin/true'], limits: small }, fills);
    const r = await run({ limits: small }, fills);
    if (r.memoryKb !== null) expect(r).toMatchObject({ outcome: 'memory-limit', memoryLimitHit: true });
  });

  // Times of a file whose mode lets anyone write it can be set to now by anyone: /dev, its
  // device nodes (the host's) and the /dev/null lent as stdin would carry bits between runs.
  // (A rootless judge's boxes keep bwrap's writable /dev: docs/sandbox.md.)
  it("cannot set the times of /dev, its device nodes or the /dev/null it reads, and gets a devpts of its own", async () => {
    const touch = program(work, 'touch', [
      '#include <errno.h>', '#include <fcntl.h>', '#include <stdio.h>', '#include <string.h>', '#include <sys/stat.h>',
      'int main(int argc, char **argv) {',
      '  const char *paths[] = { "/dev/null", "/dev/zero", "/dev/tty", "/dev/stdin" };',
      '  int all = argc > 1 && argv[1][0] == \'p\', set = argc > 2;',
      '  for (int i = 0; all && i < 4; i++) printf("%s:%s ", paths[i], utimensat(AT_FDCWD, paths[i], NULL, AT_SYMLINK_NOFOLLOW) == 0 ? "set" : strerror(errno));',
      '  printf("stdin:%s ", futimens(0, NULL) == 0 ? "set" : strerror(errno));',
      // The devpts ptmx node is the run's own to touch (argv[2]): the next run's is another one.
      '  if (set) utimensat(AT_FDCWD, "/dev/pts/ptmx", NULL, 0);',
      '  struct stat st; stat("/dev/pts/ptmx", &st); printf("ptmx:%ld%09ld", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);',
      '  return 0;',
      '}',
    ].join('\n'));
    const paths = root ? 'paths' : 'stdin';
    const before = statSync('/dev/null').mtimeMs;
    await run({ argv: ['/prog/main', paths] }, touch);
    const a = (await run({ argv: ['/prog/main', paths, 'set'] }, touch)).stdout.toString();
    // File times come from the kernel's coarse clock (a tick, 1-10 ms): two warm runs can fall in one tick.
    await new Promise((r) => setTimeout(r, 50));
    const b = (await run({ argv: ['/prog/main', paths] }, touch)).stdout.toString();
    const rofs = 'Read-only file system';
    if (root) {
      expect(a.replace(/ptmx:\d+/, '')).toBe(`/dev/null:${rofs} /dev/zero:${rofs} /dev/tty:${rofs} /dev/stdin:${rofs} stdin:${rofs} `);
      expect(statSync('/dev/null').mtimeMs).toBe(before);
    }
    // A devpts instance per run, made after the run before it ended: the time that run set on
    // its ptmx node is not seen (nor is any pty of it).
    const ptmx = (out: string) => BigInt(/ptmx:(\d+)/.exec(out)![1]);
    expect(ptmx(b)).toBeGreaterThan(ptmx(a));
  });

  it('is fed its stdin and its output is capped as asked', async () => {
    writeFileSync(join(dir, `stdin-${warmBoxes}`), 'abc');
    const spec = { argv: ['/bin/sh', '-c', 'cat; head -c 100000 /dev/zero'], mounts: [], stdinFile: join(dir, `stdin-${warmBoxes}`), limits: { ...limits, outputKb: 1 } };
    await sandbox.run(spec);
    const r = await sandbox.run(spec);
    expect([r.outcome, r.outputLimitStream, r.stdout.subarray(0, 3).toString(), r.stdout.length]).toEqual(['output-limit', 'stdout', 'abc', 1024]);
  });
});

// A warm box serves its shape's runs one after another: what one run leaves must be gone for the next.
(root ? describe : describe.skip)('warm boxes: one box, many runs, nothing of one left for the next', () => {
  const work = join(dir, 'work-reuse');
  const sandbox = new SandboxService({ judgeBoxUid: BOX_UID + 300, judgeConcurrency: 1, judgeWarmBoxes: 2, judgeWorkDir: work } as never, new ProcessRunner());
  const sh = (script: string, extra: Partial<RunSpec> = {}) => sandbox.run({ argv: ['/bin/sh', '-c', script], mounts: [], limits, ...extra });

  beforeAll(() => sandbox.onModuleInit());
  afterAll(() => sandbox.onApplicationShutdown());

  it('serves the runs of a shape one after another in the same box', async () => {
    await sh('true');
    await sh('true');
    const before = boxes();
    const taken = sandbox.warmBoxes().taken;
    for (let i = 0; i < 5; i++) expect((await sh(`echo ${i}`)).stdout.toString()).toBe(`${i}\n`);
    expect(sandbox.warmBoxes().taken - taken).toBe(5);
    // No box was made: the same boxes (this shape's, and the self-test's of onModuleInit).
    expect(boxes()).toEqual(before);
  });

  it('leaves no process of a run to the next: a daemon it started is gone, and the next run sees only its own', async () => {
    await sh('true');
    const box = boxes();
    const r = await sh('setsid sh -c "sleep 1000" < /dev/null > /dev/null 2>&1 & echo left');
    expect(r.stdout.toString()).toBe('left\n');
    expect(ours('sleep\0')).toEqual([]);
    const next = await sh('for p in /proc/[0-9]*; do cat $p/comm; done | sort | tr "\\n" " "');
    // The keeper (box-init, PID 1), the shell, and what it runs.
    expect(next.stdout.toString()).toMatch(/^(\.?box-init |cat |sh |sort |tr )+$/);
    expect(next.stdout.toString()).not.toMatch(/sleep/);
    expect(boxes()).toEqual(box);
  });

  it('gives each run a fresh /tmp, /dev/shm and /box', async () => {
    const first = await sh('for d in /tmp /dev/shm /box; do echo secret > $d/left; done; ls /tmp /dev/shm /box');
    expect(first.exitCode).toBe(0);
    const next = await sh('ls -A /tmp /dev/shm /box; cat /tmp/left /dev/shm/left /box/left 2>&1 | grep -c secret');
    expect(next.stdout.toString().replace(/\s+/g, ' ').trim()).toBe('/box: /dev/shm: /tmp: 0');
  });

  it('gives each run fresh System V IPC and network namespaces (no shared memory, no counters of the run before)', async () => {
    const ipc = program(work, 'ipc', [
      '#include <stdio.h>', '#include <stdlib.h>', '#include <string.h>', '#include <sys/shm.h>', '#include <sys/socket.h>', '#include <netinet/in.h>', '#include <arpa/inet.h>',
      'int main(int argc, char **argv) {',
      '  if (argc > 1) {',
      '    int id = shmget(4242, 4096, IPC_CREAT | 0666); char *p = shmat(id, 0, 0); strcpy(p, "secret");',
      '    int s = socket(AF_INET, SOCK_DGRAM, 0); struct sockaddr_in a = { AF_INET, htons(9), { htonl(INADDR_LOOPBACK) } };',
      '    for (int i = 0; i < 100; i++) sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a);',
      '    printf("left %d", id >= 0); return 0;',
      '  }',
      '  char line[512]; long packets = -1; FILE *f = fopen("/proc/net/dev", "r");',
      '  while (fgets(line, sizeof line, f)) if (strstr(line, "lo:")) sscanf(strstr(line, "lo:") + 3, "%*ld %ld", &packets);',
      '  printf("shm %d lo-packets %ld", shmget(4242, 0, 0) >= 0, packets); return 0;',
      '}',
    ].join('\n'));
    const run = (...args: string[]) => sandbox.run({ argv: ['/prog/main', ...args], mounts: [{ source: ipc, target: '/prog' }], limits });
    await run();
    expect((await run('leave')).stdout.toString()).toBe('left 1');
    expect((await run()).stdout.toString()).toBe('shm 0 lo-packets 0');
  });

  it('a run that was killed does not give its box to the next', async () => {
    await sh('true');
    const before = boxes();
    expect((await sh('sleep 10', { limits: { ...limits, wallMs: 300 } })).outcome).toBe('wall-time-limit');
    expect((await sh('echo next')).stdout.toString()).toBe('next\n');
    // The box that served the killed run is gone (the self-test's is still there).
    expect(before.filter((pid) => !boxes().includes(pid))).toHaveLength(1);
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
    // A box's own box-init first takes its keeper and program's process along: those may be gone already.
    for (const pid of boxInits()) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone with its box */ }
    }
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
    expect(boxInits().length).toBeGreaterThan(0);
    await sandbox.onApplicationShutdown();
    expect(boxInits()).toEqual([]);
    expect(cgroupsOf()).toBe('');
  });
});
