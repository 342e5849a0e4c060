// The Docker Compose deployment, started for real by test/compose/run.sh (`npm run test:compose`):
// docker-compose.yml with PostgreSQL, Redis (AOF), a gateway and two judge replicas. Everything
// goes through the gateway's published port (REST, and one submission over the WebSocket) with
// the stack's ADMIN_TOKEN; the containers are inspected with docker / docker-compose only to
// prove where the work ran. Skipped when no stack is given (OJ_COMPOSE_URL unset).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';

const URL_ = process.env.OJ_COMPOSE_URL;
const ROOT = join(__dirname, '../..');
const TOKEN = process.env.ADMIN_TOKEN ?? '';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const describeStack = URL_ ? describe : describe.skip;

/** docker-compose on the stack run.sh started (it exports COMPOSE_FILE and COMPOSE_PROJECT_NAME). */
function compose(...args: string[]): string {
  return execFileSync('docker-compose', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}
function docker(...args: string[]): string {
  return execFileSync(process.env.OJ_DOCKER_CLI ?? 'docker', args, { encoding: 'utf8', timeout: 60_000 }).trim();
}

interface Submission {
  id: string;
  status: string;
  verdict: string | null;
  score: number;
  timeMs: number | null;
  memoryKb: number | null;
  compileOutput: string | null;
  tests: { verdict: string; stdout?: string; stderr?: string; message?: string | null }[];
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const send = () => fetch(`${URL_}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // A kept-alive connection the server closes just as it is reused fails with "other side
  // closed": a GET is retried once (never a POST, which must not submit twice).
  const r = await send().catch((e) => (method === 'GET' ? send() : Promise.reject(e)));
  const text = await r.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body: parsed };
}

async function submit(body: Record<string, unknown>): Promise<string> {
  const r = await api('POST', '/submissions', body);
  expect(r.status).toBe(202);
  return r.body.id;
}

/** Long-polls until the submission is finished (at most 4 min: TCG-free, but a busy host). */
async function final(id: string): Promise<Submission> {
  const deadline = Date.now() + 240_000;
  let s: Submission = (await api('GET', `/submissions/${id}`)).body;
  while (s.status !== 'finished' && Date.now() < deadline) {
    s = (await api('GET', `/submissions/${id}?waitMs=20000&after=${s.status}`)).body;
  }
  return s;
}

const C_SUM = '#include <stdio.h>\nint main(void){long a,b;if(scanf("%ld %ld",&a,&b)!=2)return 1;printf("%ld\\n",a+b);return 0;}\n';

describeStack('the Docker Compose stack (docker-compose.yml, 2 judges)', () => {
  jest.setTimeout(300_000);
  const ids: string[] = [];

  it('is up: health 200 (database and Redis), and a judge reports its languages', async () => {
    const health = await api('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.info).toEqual(expect.objectContaining({ database: { status: 'up' }, queue: expect.objectContaining({ status: 'up' }) }));
    let langs = await api('GET', '/languages');
    for (let i = 0; i < 30 && langs.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      langs = await api('GET', '/languages');
    }
    expect(langs.status).toBe(200);
    // The default image's six, plus what comes with their toolchains (C/C++ standards, bash, perl, TypeScript on Node).
    expect(langs.body.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining(['c', 'cpp', 'java', 'javascript', 'python3', 'rust', 'cpp20', 'c99']));
  });

  it('judges the verdicts AC WA TLE OLE RE CE in the judge containers (MLE: next test)', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['AC', { language: 'c', problemId: 'aplusb', sourceCode: C_SUM }],
      ['WA', { language: 'python3', problemId: 'aplusb', sourceCode: 'a, b = map(int, input().split())\nprint(a + b + 1)\n' }],
      ['TLE', { language: 'c', sourceCode: 'int main(void){volatile unsigned long x=0;for(;;)x++;}\n', limits: { timeLimitMs: 1000 } }],
      ['OLE', { language: 'python3', sourceCode: 'import sys\nwhile True:\n    sys.stdout.write("x" * 4096)\n', limits: { outputLimitKb: 64 } }],
      ['RE', { language: 'cpp', sourceCode: '#include <vector>\nint main(){std::vector<int> v; return v.at(3);}\n' }],
      ['CE', { language: 'cpp', sourceCode: 'int main() { return missing_name; }\n' }],
      ['AC', { language: 'java', problemId: 'aplusb', sourceCode: 'import java.util.*;\npublic class Main{public static void main(String[] a){Scanner s=new Scanner(System.in);System.out.println(s.nextLong()+s.nextLong());}}\n' }],
    ];
    // All at once: two judges, one submission each at a time (JUDGE_IN_FLIGHT 1 in the Compose file), so both take work.
    const submitted = await Promise.all(cases.map(async ([, body]) => submit(body)));
    ids.push(...submitted);
    const results = await Promise.all(submitted.map(final));
    expect(results.map((r) => r.verdict)).toEqual(cases.map(([v]) => v));
    const byVerdict = Object.fromEntries(results.map((r) => [r.verdict, r]));
    expect(byVerdict.AC.score).toBe(100);
    expect(byVerdict.CE.compileOutput).toMatch(/missing_name/);
  });

  it('accounts boxes in the container\'s cgroups: MLE at 64 MiB, 40 MiB touched is measured, a TLE used its CPU time', async () => {
    // A wall-time limit far above the CPU limit: on a busy host the CPU limit still ends it.
    const tle = await submit({ language: 'c', sourceCode: 'int main(void){volatile unsigned long x=0;for(;;)x++;}\n', limits: { timeLimitMs: 1000, wallTimeLimitMs: 30000 } });
    // Every page written through a volatile pointer: gcc -O2 drops a malloc + memset whose
    // result it can predict, and then nothing would be allocated at all.
    const touch = (mib: number) => `#include <stdlib.h>\n#include <stdio.h>\nint main(void){size_t n=(size_t)${mib}<<20;volatile char*p=malloc(n);if(!p)return 2;for(size_t i=0;i<n;i+=4096)p[i]=1;printf("%d\\n",p[n/2]);return 0;}\n`;
    const mle = await submit({ language: 'c', sourceCode: touch(256), limits: { memoryLimitKb: 65536 } });
    const id = await submit({ language: 'c', sourceCode: touch(40), expectedOutput: '1\n', limits: { memoryLimitKb: 131072 } });
    ids.push(tle, mle, id);
    const t = await final(tle);
    expect(t.verdict).toBe('TLE');
    expect(t.timeMs).toBeGreaterThanOrEqual(1000);
    expect((await final(mle)).verdict).toBe('MLE');
    const s = await final(id);
    expect(s.verdict).toBe('AC');
    // The cgroup's peak of the whole run: the 40 MiB plus the C runtime, under the limit.
    expect(s.memoryKb).toBeGreaterThanOrEqual(40 * 1024);
    expect(s.memoryKb).toBeLessThan(131072);
  });

  it('gives a submission no network, although the judge container itself has one', async () => {
    const redisId = compose('ps', '-q', 'redis').trim();
    const redisIp = docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', redisId);
    expect(redisIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const probe = [
      'import socket, sys',
      'out = []',
      'for host in sys.stdin.read().split():',
      '    try:',
      '        socket.create_connection((host, 6379), timeout=3).close()',
      '        out.append("open")',
      '    except OSError:',
      '        out.append("blocked")',
      'print(" ".join(out))',
    ].join('\n');
    // The same probe outside the sandbox, in a judge container: Redis is reachable there, so a
    // "blocked" inside the box is the sandbox's doing.
    const outside = compose('exec', '-T', 'judge', 'sh', '-c', `echo "${redisIp} redis" | python3 -c '${probe}'`).trim();
    expect(outside).toBe('open open');
    const id = await submit({ language: 'python3', sourceCode: probe, stdin: `${redisIp} redis 1.1.1.1`, expectedOutput: 'blocked blocked blocked\n' });
    ids.push(id);
    const s = await final(id);
    expect(s.tests[0]?.stdout?.trim()).toBe('blocked blocked blocked');
    expect(s.verdict).toBe('AC');
  });

  it('streams a submission over the WebSocket up to its final verdict', async () => {
    const id = await submit({ language: 'python3', problemId: 'aplusb', sourceCode: 'a, b = map(int, input().split())\nprint(a + b)\n' });
    ids.push(id);
    const ws = new WebSocket(`${URL_!.replace(/^http/, 'ws')}/ws`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const frames: Submission[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no final frame; got ${JSON.stringify(frames.map((f) => f.status))}`)), 120_000);
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } })));
      ws.on('message', (raw) => {
        const frame = JSON.parse(String(raw));
        if (frame.event === 'error') reject(new Error(frame.data.message));
        if (frame.event !== 'submission') return;
        frames.push(frame.data);
        if (frame.data.status === 'finished') { clearTimeout(timer); resolve(); }
      });
    });
    ws.close();
    const last = frames[frames.length - 1];
    expect(last.verdict).toBe('AC');
    expect(last.score).toBe(100);
    expect(frames.length).toBeGreaterThan(1);
  });

  it('spread the work over both judge replicas', () => {
    // Each judge logs its id when it starts consuming; the database records who judged what.
    const logs = compose('logs', '--no-color', 'judge');
    const perContainer = new Map<string, string>();
    for (const m of logs.matchAll(/^(\S+)\s*\|.*?(judge-\d+-[a-z0-9]+) consuming submissions/gm)) perContainer.set(m[1], m[2]);
    expect(perContainer.size).toBe(2);
    const list = ids.map((id) => `'${id}'`).join(',');
    const judged = compose('exec', '-T', 'postgres', 'psql', '-U', 'judge', '-d', 'judge', '-tAc',
      `select distinct "judgeId" from submission where id in (${list})`).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(judged.sort()).toEqual([...perContainer.values()].sort());
  });

  it('runs the judges\' boxes with cgroups and warm boxes inside the containers (no degraded-mode warning)', () => {
    const logs = compose('logs', '--no-color', 'judge');
    expect(logs).not.toMatch(/no usable cgroups|runs without cgroups/);
    // Each judge's sandbox line: warm boxes passed their self-test (else "no warm boxes (why)").
    expect(logs.match(/sandbox: root set-up[^\n]*cgroups v[12], up to \d+ warm boxes/g)).toHaveLength(2);
    expect(logs).not.toMatch(/no warm boxes/);
    expect(logs).toMatch(/box uid slot 0/);
    expect(logs).toMatch(/box uid slot 1/);
  });

  it('runs the judges with the capabilities docs/deployment.md lists and no others (Docker\'s defaults dropped)', () => {
    // Bit numbers of linux/capability.h.
    const names: Record<number, string> = { 0: 'CHOWN', 1: 'DAC_OVERRIDE', 5: 'KILL', 6: 'SETGID', 7: 'SETUID', 8: 'SETPCAP', 12: 'NET_ADMIN', 21: 'SYS_ADMIN' };
    const status = compose('exec', '-T', 'judge', 'cat', '/proc/1/status');
    const eff = BigInt(`0x${/^CapEff:\s*([0-9a-f]+)/m.exec(status)![1]}`);
    const held = [...Array(64).keys()].filter((bit) => (eff >> BigInt(bit)) & 1n).map((bit) => names[bit] ?? `bit ${bit}`);
    expect(held.sort()).toEqual(['CHOWN', 'DAC_OVERRIDE', 'KILL', 'NET_ADMIN', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_ADMIN']);
  });
});
