// The sandbox's mode as the judge reports it (`judge.status`), the cgroup facts behind it, and
// the verdicts it gives with the limits it can enforce. Runs as root on the host (cgroup v1), and
// from scripts/test.sh also as an unprivileged user on the host (no cgroups) and inside the
// cgroup-v2 guest, as root and as a user with a delegated subtree. The runner says what it
// expects with E2E_EXPECT_MODE (root | rootless) and E2E_EXPECT_CGROUPS (v1 | v2 | none), so a
// judge that silently falls back fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JudgeMessages, JudgeStatus, SubmissionView, Verdict } from '@app/contracts';
import { EventBus } from '@app/pubsub';
import { submit, useStack, watch } from '../../../test/support/stack';
import { scaled, scaledTimeLimit } from '../../../test/support/time-scale';

jest.setTimeout(scaled(180000));

const stack = useStack();
const root = process.getuid?.() === 0;
const expectedMode = process.env.E2E_EXPECT_MODE ?? (root ? 'root' : 'rootless');
const expectedCgroups = process.env.E2E_EXPECT_CGROUPS
  ?? (!root ? 'none' : existsSync('/sys/fs/cgroup/cgroup.controllers') ? 'v2' : existsSync('/sys/fs/cgroup/memory/cgroup.procs') ? 'v1' : 'none');

const status = () => stack.gw.app.get(EventBus).request<JudgeStatus>(JudgeMessages.Status, {}, scaled(5000));

async function run(language: string, sourceCode: string, extra: { limits?: Record<string, number>; [k: string]: unknown } = {}): Promise<SubmissionView> {
  const limits = { ...extra.limits, timeLimitMs: scaledTimeLimit(extra.limits?.timeLimitMs ?? 1000) };
  return (await watch(stack.gw.wsUrl, await submit(stack.gw.url, { language, sourceCode, ...extra, limits }), scaled(120000))).final;
}

describe('judge.status says how the sandbox runs here', () => {
  it(`mode ${expectedMode}, cgroups ${expectedCgroups}, and the limits that go with them`, async () => {
    const { sandbox } = await status();
    expect({ mode: sandbox.mode, cgroups: sandbox.cgroups }).toEqual({ mode: expectedMode, cgroups: expectedCgroups });
    expect(sandbox.enforced).toEqual(expect.arrayContaining(['wall-time', 'output', 'network', 'namespaces', 'seccomp']));
    if (expectedCgroups === 'none') {
      expect(sandbox.enforced).toEqual(expect.arrayContaining(['cpu-time-per-process', 'address-space']));
      expect(sandbox.enforced).not.toContain('memory');
      expect(sandbox.unenforced.join('\n')).toMatch(/peak memory is not measured/);
    } else {
      expect(sandbox.enforced).toEqual(expect.arrayContaining(['cpu-time', 'memory', 'processes', 'peak-memory']));
    }
    if (expectedMode === 'root') expect(sandbox.enforced).toContain('box-uids');
    else expect(sandbox.unenforced.join('\n')).toMatch(/judge's own user/);
  });
});

(expectedCgroups === 'v2' ? describe : describe.skip)('cgroup v2: the judge\'s own delegated subtree', () => {
  const own = () => readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((l) => l.startsWith('0::'))!.slice(3);
  const subtree = () => join('/sys/fs/cgroup', own().replace(/\/oj-procs$/, ''));

  it('boxes live under <subtree>/oj-judge-<pid> with memory, pids and cpu; the judge left the subtree root (no internal processes)', () => {
    const boxes = join(subtree(), `oj-judge-${process.pid}`);
    expect(readFileSync(join(boxes, 'cgroup.subtree_control'), 'utf8').split(/\s+/)).toEqual(expect.arrayContaining(['memory', 'pids']));
    if (own() !== '/') {
      expect(own()).toMatch(/\/oj-procs$/);
      expect(readFileSync(join(subtree(), 'cgroup.procs'), 'utf8').trim()).toBe('');
    }
  });

  it("peak memory comes from the cgroup (memory.peak), and no run's cgroup is left after the run (warm boxes' wait for theirs)", async () => {
    // Pages touched through a volatile pointer: the compiler cannot drop the allocation.
    const src = '#include <stdlib.h>\n#include <stdio.h>\nint main(){size_t n=100u<<20;volatile char*p=malloc(n);for(size_t i=0;i<n;i+=4096)p[i]=1;puts("ok");return 0;}';
    const s = await run('c', src, { expectedOutput: 'ok' });
    expect(s.verdict).toBe(Verdict.AC);
    expect(s.tests[0].memoryKb).toBeGreaterThanOrEqual(100 * 1024);
    expect(s.tests[0].memoryKb).toBeLessThan(160 * 1024);
    await new Promise((r) => setTimeout(r, scaled(200)));
    const boxes = join(subtree(), `oj-judge-${process.pid}`);
    const left = readdirSync(boxes, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(left.filter((name) => !/^warm-\d+$/.test(name))).toEqual([]);
  });

  it('MLE at memory.max (swap off), from memory.events oom_kill', async () => {
    const src = '#include <stdlib.h>\nint main(){size_t n=800u<<20;volatile char*p=malloc(n);if(!p)return 1;for(size_t i=0;i<n;i+=4096)p[i]=1;return 0;}';
    const s = await run('c', src, { limits: { memoryLimitKb: 65536 } });
    expect(s.verdict).toBe(Verdict.MLE);
    expect(s.tests[0].memoryKb).toBeGreaterThanOrEqual(60 * 1024);
  });

  it('pids.max: processLimit 4 allows exactly 4 tasks', async () => {
    const src = '#include <pthread.h>\n#include <stdio.h>\n#include <unistd.h>\nvoid*f(void*x){pause();return 0;}\nint main(){int n=1;pthread_t t;while(n<64&&pthread_create(&t,0,f,0)==0)n++;printf("%d\\n",n);return 0;}';
    expect((await run('c', src, { expectedOutput: '4', limits: { processLimit: 4 } })).verdict).toBe(Verdict.AC);
  });
});

describe('verdicts with the limits this mode enforces', () => {
  it.each([
    ['AC', 'python3', 'print(sum(map(int, input().split())))', { stdin: '2 3\n', expectedOutput: '5' }, Verdict.AC],
    ['WA', 'c', '#include <stdio.h>\nint main(){puts("6");}', { stdin: '', expectedOutput: '5' }, Verdict.WA],
    ['RE by signal', 'c', 'int main(){*(volatile int*)0=1;}', {}, Verdict.RE],
    ['TLE on CPU', 'c', 'int main(){volatile unsigned long i=0;for(;;)i++;}', {}, Verdict.TLE],
    ['TLE on wall time', 'python3', 'import time\ntime.sleep(60)', {}, Verdict.TLE],
    // OLE is about output, not time: room enough that a loaded machine still reaches 1 MiB first.
    ['OLE', 'c', '#include <stdio.h>\nint main(){for(;;)puts("flood");}', { limits: { outputLimitKb: 1024, timeLimitMs: 5000 } }, Verdict.OLE],
    ['MLE (a language OOM)', 'python3', 'x = bytearray(800 * 1024 * 1024)\nprint(len(x))', {}, Verdict.MLE],
  ])('%s', async (_name, language, source, extra, verdict) => {
    expect((await run(language, source, extra)).verdict).toBe(verdict);
  });

  it('a fork bomb is contained and the next submission is judged normally', async () => {
    const bomb = await run('c', '#include <unistd.h>\nint main(){for(;;)fork();}', { limits: { processLimit: 16 } });
    expect([Verdict.RE, Verdict.TLE, Verdict.MLE]).toContain(bomb.verdict);
    expect((await run('python3', 'print(2 + 2)', { expectedOutput: '4' })).verdict).toBe(Verdict.AC);
  });

  it('no network and no host files inside the box', async () => {
    const src = 'import socket, os\ntry:\n    socket.create_connection(("127.0.0.1", 6379), timeout=2); print("connected")\nexcept OSError: print("refused")\nprint(os.path.exists("/etc/passwd"), os.path.exists("/home"))';
    expect((await run('python3', src, { expectedOutput: 'refused\nFalse False' })).verdict).toBe(Verdict.AC);
  });
});
