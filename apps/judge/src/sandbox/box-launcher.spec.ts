import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessRunner } from '../process/process-runner';
import { buildRuntimeBinary } from './box-init';
import { BOX_LAUNCHER_SOURCE, BoxLauncher, LaunchFd } from './box-launcher';
import { SandboxError } from './sandbox.types';

// The launcher itself (built with gcc, as the judge builds it), with plain processes instead of
// boxes: the protocol, the captures and their caps, lent fds, and what happens when it dies.
describe(BoxLauncher.name, () => {
  let dir: string;
  let binary: string;
  let sut: BoxLauncher;
  const capture = (capBytes = 1 << 20, killOnOverflow = true): { capture: { capBytes: number; killOnOverflow: boolean } } => ({ capture: { capBytes, killOnOverflow } });
  const std = (): LaunchFd[] => [{ target: 0, null: true }, { target: 1, ...capture() }, { target: 2, ...capture() }];
  const sh = (script: string, fds: LaunchFd[] = std()) => sut.launch(['sh', '-c', script], fds);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'box-launcher-spec-'));
    binary = buildRuntimeBinary(dir, 'box-launcher', BOX_LAUNCHER_SOURCE, new ProcessRunner());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (sut = new BoxLauncher(binary, new ProcessRunner(), { PATH: '/usr/bin:/bin' })));
  afterEach(() => sut.close());

  it('runs a command and gives its exit code, stdout and stderr', async () => {
    const launch = sh('printf out; printf err >&2; exit 3');
    await expect(launch.started).resolves.toBeUndefined();
    const done = await launch.done;
    expect(done).toMatchObject({ code: 3, signal: null, overflowTarget: null });
    expect(done.captured.get(1)?.toString()).toBe('out');
    expect(done.captured.get(2)?.toString()).toBe('err');
    expect(done.wallMs).toBeGreaterThan(0);
  });

  it('tells the signal that ended a process, and reports the reap before the end', async () => {
    const launch = sh('kill -SEGV $$');
    const events: string[] = [];
    launch.onExit(() => events.push('exit'));
    await expect(launch.done).resolves.toMatchObject({ code: null, signal: 'SIGSEGV' });
    expect(events).toEqual(['exit']);
  });

  it('keeps the first capBytes of a stream and kills the process past them, naming the stream', async () => {
    const done = await sh('while :; do echo flood; done', [{ target: 0, null: true }, { target: 1, ...capture(1000) }, { target: 2, ...capture() }]).done;
    expect(done.overflowTarget).toBe(1);
    expect(done.signal).toBe('SIGKILL');
    expect(done.captured.get(1)!.length).toBe(1000);
  });

  it('keeps only capBytes without killing when told so', async () => {
    const done = await sh('head -c 100000 /dev/zero >&3', [...std(), { target: 3, ...capture(10, false) }]).done;
    expect(done).toMatchObject({ code: 0, overflowTarget: null });
    expect(done.captured.get(3)!.length).toBe(10);
  });

  it('carries a 64 MiB output whole', async () => {
    const done = await sh('head -c 67108864 /dev/zero', [{ target: 0, null: true }, { target: 1, ...capture(64 << 20) }, { target: 2, ...capture() }]).done;
    expect(done).toMatchObject({ code: 0, overflowTarget: null });
    expect(done.captured.get(1)!.length).toBe(64 << 20);
  });

  it('gives the process exactly the fds of its request', async () => {
    const spare = openSync(join(dir, 'spare'), 'w'); // open in the judge, not lent: must not show up
    try {
      const done = await sh('ls /proc/self/fd').done;
      // 0, 1, 2 and the fd ls reads /proc/self/fd through.
      expect(done.captured.get(1)!.toString().trim().split('\n').map(Number).filter((fd) => fd > 3)).toEqual([]);
    } finally {
      closeSync(spare);
    }
  });

  it("reopens the judge's own fds: a file to read as stdin, one to write at fd 5", async () => {
    writeFileSync(join(dir, 'in'), '2 3\n');
    const input = openSync(join(dir, 'in'), 'r');
    const output = openSync(join(dir, 'out'), 'w');
    const launch = sh('read a b; echo $((a + b)) >&5', [{ target: 0, judgeFd: input, mode: 'r' }, { target: 1, ...capture() }, { target: 2, ...capture() }, { target: 5, judgeFd: output, mode: 'w' }]);
    await launch.started;
    closeSync(input);
    closeSync(output);
    await expect(launch.done).resolves.toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('5\n');
  });

  it('makes a FIFO (mode 0600), and refuses one where a file already is', async () => {
    const path = join(dir, `fifo-${process.pid}`);
    await sut.makeFifo(path);
    const st = statSync(path);
    expect(st.isFIFO()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    await expect(sut.makeFifo(path)).rejects.toThrow('cannot make a FIFO: mkfifo: File exists');
    rmSync(path);
  });

  // `exec`: the launcher kills the process it started; in a box, bwrap's PID namespace takes the
  // rest along, but a plain shell's child would keep the pipes open.
  it('kills a process on request', async () => {
    const launch = sh('exec sleep 30');
    await launch.started;
    launch.kill();
    await expect(launch.done).resolves.toMatchObject({ signal: 'SIGKILL' });
  });

  it('fails a launch that cannot start with SandboxError, and goes on launching', async () => {
    const bad = sut.launch(['/nonexistent/program'], std());
    await expect(bad.started).rejects.toThrow(SandboxError);
    await expect(bad.done).rejects.toThrow(/cannot start the sandbox/);
    await expect(sh('exit 0').done).resolves.toMatchObject({ code: 0 });
  });

  it('fails the launches in flight when the launcher dies, and starts a new one for the next', async () => {
    const launch = sh('exec sleep 30');
    await launch.started;
    // A shell's parent is the launcher.
    const launcherPid = Number((await sh('echo $PPID').done).captured.get(1)!.toString());
    process.kill(launcherPid, 'SIGKILL');
    await expect(launch.done).rejects.toThrow(SandboxError);
    await expect(sh('exit 4').done).resolves.toMatchObject({ code: 4 });
  });

  describe('prepared boxes (prepare, then go)', () => {
    // A stand-in for box-init --wait: reads the run's message and fds from fd 9 (SCM_RIGHTS),
    // acknowledges it, prints the fields, writes to the fd lent at target 5 and tells what the fd at 0 reads.
    const receiver = [
      'import os, socket, sys, array',
      's = socket.socket(fileno=9)',
      'msg, anc, flags, _ = s.recvmsg(65536, socket.CMSG_SPACE(16 * 4))',
      'if not msg: sys.exit(0)',
      's.send(b"r")',
      'fds = array.array("i")',
      'for level, kind, data in anc: fds.frombytes(data[:len(data) - len(data) % 4])',
      'fields = msg.split(b"\\0")[:-1]',
      'n = int(fields[0]); targets = [int(t) for t in fields[1:1 + n]]',
      'for fd, t in zip(fds, targets): os.dup2(fd, t)',
      'sys.stdout.write(" ".join(f.decode() for f in fields) + "|" + os.read(0, 100).decode())',
      'os.write(5, b"written")',
    ].join('\n');
    const prepare = () => sut.prepare(['python3', '-c', receiver], std(), 9);

    it('hands the run its fields and fds when told to go, and times the run from then', async () => {
      writeFileSync(join(dir, 'go-in'), 'input');
      const box = prepare();
      await box.started;
      await new Promise((r) => setTimeout(r, 300));
      const input = openSync(join(dir, 'go-in'), 'r');
      const output = openSync(join(dir, 'go-out'), 'w');
      try {
        await box.go({ caps: [], fds: [{ target: 0, judgeFd: input, mode: 'r' }, { target: 5, judgeFd: output, mode: 'w' }], mounts: [], args: ['a', 'b c'] });
      } finally {
        closeSync(input);
        closeSync(output);
      }
      const done = await box.done;
      expect(done).toMatchObject({ code: 0 });
      expect(done.captured.get(1)!.toString()).toBe('2 0 5 0 2 a b c|input');
      expect(readFileSync(join(dir, 'go-out'), 'utf8')).toBe('written');
      // The wait before the run is not its wall time (python's own start is).
      expect(done.wallMs).toBeLessThan(300);
    });

    // The launcher may see such a box reaped before it reads the acknowledgement: it was a run all the same.
    // Made certain here by stopping the launcher while the box acknowledges and ends.
    it('a run that ends right after acknowledging is a run, not a box that ended before it', async () => {
      const launcherPid = Number((await sh('echo $PPID').done).captured.get(1)!.toString());
      const box = sut.prepare(['python3', '-c', 'import os, socket, time; s = socket.socket(fileno=9); s.recvmsg(100); time.sleep(0.3); s.send(b"r"); os._exit(5)'], std(), 9);
      await box.started;
      const go = box.go({ caps: [], fds: [], mounts: [], args: ['x'] });
      await new Promise((r) => setTimeout(r, 150));
      process.kill(launcherPid, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, 600));
      process.kill(launcherPid, 'SIGCONT');
      await expect(go).resolves.toBeUndefined();
      await expect(box.done).resolves.toMatchObject({ code: 5 });
    });

    it("sets the captures' caps when told to go", async () => {
      const box = sut.prepare(['python3', '-c', `${receiver}\nsys.stdout.write("x" * 5000)`], std(), 9);
      await box.go({ caps: [{ target: 1, capBytes: 10, killOnOverflow: false }], fds: [{ target: 0, null: true }], mounts: [], args: ['x'] });
      const done = await box.done;
      expect(done.captured.get(1)!.length).toBe(10);
    });

    it('refuses to go with a tree that cannot be opened, and kills the box', async () => {
      const box = prepare();
      await expect(box.go({ caps: [], fds: [], mounts: [{ source: join(dir, 'no-such-folder'), target: '/x', writable: false }], args: ['x'] }))
        .rejects.toThrow(/cannot start the run in a prepared box: .*no-such-folder: No such file or directory/);
      await expect(box.done).rejects.toThrow(SandboxError);
    });

    it('refuses to go when the box ends before it acknowledged its run (what received it died)', async () => {
      const box = sut.prepare(['sh', '-c', 'sleep 0.3'], std(), 9);
      await box.started;
      await expect(box.go({ caps: [], fds: [], mounts: [], args: ['x'] })).rejects.toThrow(/the prepared box ended before its run/);
    });

    // Whether the launcher reads the go before or after it reaped the box, the go settles.
    it('settles a go sent as its box ends', async () => {
      for (let i = 0; i < 10; i++) {
        const box = sut.prepare(['sh', '-c', 'exit 0'], std(), 9);
        const go = new Promise<Promise<void>>((resolve) => box.onExit(() => resolve(box.go({ caps: [], fds: [], mounts: [], args: ['x'] }))));
        await expect(go.then((p) => p)).rejects.toThrow(/prepared box is gone|ended before its run/);
      }
    });

    it('refuses to go once the box is gone', async () => {
      const box = sut.prepare(['sh', '-c', 'exit 0'], std(), 9);
      await expect(box.done).resolves.toMatchObject({ code: 0 });
      await expect(box.go({ caps: [], fds: [], mounts: [], args: ['x'] })).rejects.toThrow(/prepared box is gone/);
    });

    // In a box, box-init outlives a killed bwrap (its capabilities clear its parent-death signal).
    it('when a prepared box is killed before its run, what it left behind sees the socket close, and the box ends', async () => {
      const box = sut.prepare(['sh', '-c', `python3 -c '${receiver.replace(/'/g, '"')}' & exec sleep 30`], std(), 9);
      await box.started;
      box.kill();
      await expect(box.done).resolves.toMatchObject({ signal: 'SIGKILL' });
    });

    // A run may wait for a box being made with nothing else keeping the process alive (a CLI, a benchmark).
    it('keeps the process alive until a prepared box has started, not after', () => {
      const script = [
        "const { BoxLauncher } = require('./apps/judge/src/sandbox/box-launcher');",
        "const { ProcessRunner } = require('./apps/judge/src/process/process-runner');",
        `const sut = new BoxLauncher(${JSON.stringify(binary)}, new ProcessRunner(), { PATH: '/usr/bin:/bin' });`,
        "const box = sut.prepare(['sleep', '30'], [{ target: 0, null: true }], 9);",
        "box.started.then(() => console.log('started'));",
      ].join('\n');
      const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: join(__dirname, '../../../..'), encoding: 'utf8', timeout: 60000 });
      expect(out).toBe('started\n');
    });

    it('ends a prepared box that is never used when the launcher closes', async () => {
      const box = prepare();
      await box.started;
      sut.close();
      await expect(box.done).rejects.toThrow(SandboxError);
    });
  });

  it('runs many processes at once, each with its own result', async () => {
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => sh(`printf ${i}; exit ${i % 7}`).done));
    all.forEach((d, i) => expect([d.code, d.captured.get(1)!.toString()]).toEqual([i % 7, String(i)]));
  });
});
