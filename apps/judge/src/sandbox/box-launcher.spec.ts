import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  // bwrap tells a box's PID 1 to die with it only once the box is set up: a box killed before
  // that would leave its PID 1 waiting for bwrap forever (seen at shutdowns during a box's making).
  it("kills the process's own children with it", async () => {
    const file = join(dir, `child-${process.pid}`);
    const launch = sh(`sleep 30 & echo $! > ${file}; wait`);
    await launch.started;
    while (!existsSync(file) || !readFileSync(file, 'utf8').endsWith('\n')) await new Promise((r) => setTimeout(r, 10));
    const child = Number(readFileSync(file, 'utf8'));
    launch.kill();
    await expect(launch.done).resolves.toMatchObject({ signal: 'SIGKILL' });
    const gone = () => !existsSync(`/proc/${child}`) || /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${child}/stat`, 'latin1'));
    for (let i = 0; i < 100 && !gone(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(gone()).toBe(true);
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

  describe('prepared boxes (prepare, then prep and go for each run)', () => {
    // A stand-in for box-init --serve on fd 9: for each run, takes the cgroup files ('p', SCM_RIGHTS:
    // writes "joined" to each), then the run's message and fds; acknowledges it; runs its last field
    // with sh in a child that has the fds at their targets and the other fields in $FIELDS; reports
    // the child's wait status ('x' STATUS). The child dies with it (PR_SET_PDEATHSIG, and a check of
    // its parent for a keeper killed right after its fork), as a box's processes die with its bwrap.
    const keeper = [
      'import os, socket, sys, array, ctypes',
      's = socket.socket(fileno=9)',
      'def recv():',
      '    msg, anc, flags, _ = s.recvmsg(65536, socket.CMSG_SPACE(16 * 4))',
      '    fds = array.array("i")',
      '    for level, kind, data in anc: fds.frombytes(data[:len(data) - len(data) % 4])',
      '    return msg, list(fds)',
      'while True:',
      '    msg, cgroups = recv()',
      '    if not msg: sys.exit(0)',
      '    for fd in cgroups: os.write(fd, b"joined"); os.close(fd)',
      '    msg, fds = recv()',
      '    if not msg: sys.exit(0)',
      '    s.send(b"r")',
      '    fields = msg.split(b"\\0")[:-1]',
      '    parent = os.getpid()',
      '    pid = os.fork()',
      '    if pid == 0:',
      '        ctypes.CDLL(None).prctl(1, 9, 0, 0, 0)',
      // Killed between its fork and its prctl, the keeper would leave the child running (as a box's PID namespace would not).
      '        if os.getppid() != parent: os._exit(137)',
      '        n = int(fields[0])',
      '        for fd, t in zip(fds, [int(t) for t in fields[1:1 + n]]): os.dup2(fd, t)',
      '        os.environ["FIELDS"] = " ".join(f.decode() for f in fields[:-1])',
      '        os.execvp("sh", ["sh", "-c", fields[-1].decode()])',
      '    for fd in fds: os.close(fd)',
      '    _, st = os.waitpid(pid, 0)',
      '    s.send(b"x%d" % st)',
    ].join('\n');
    const box = () => sut.prepare(['python3', '-c', keeper], std(), 9);
    const go = (b: ReturnType<typeof box>, script: string, request: Partial<Parameters<ReturnType<typeof box>['go']>[0]> = {}) =>
      b.go({ caps: [{ target: 1, capBytes: 1 << 20, killOnOverflow: true }], fds: [], mounts: [], args: [script], ...request });

    it('gives the run its cgroups, fields and fds, captures its output, and times it from the acknowledgement', async () => {
      writeFileSync(join(dir, 'go-in'), 'input');
      writeFileSync(join(dir, 'go-cgroup'), '');
      const b = box();
      b.prep([join(dir, 'go-cgroup')]);
      await b.started;
      await new Promise((r) => setTimeout(r, 300));
      const input = openSync(join(dir, 'go-in'), 'r');
      const output = openSync(join(dir, 'go-out'), 'w');
      const run = go(b, 'printf "%s|" "$FIELDS"; cat; printf written >&5; exit 3', { fds: [{ target: 0, judgeFd: input, mode: 'r' }, { target: 5, judgeFd: output, mode: 'w' }] });
      try {
        await run.started;
      } finally {
        closeSync(input);
        closeSync(output);
      }
      const done = await run.done;
      expect(done).toMatchObject({ code: 3, signal: null, overflowTarget: null });
      // NFDS, the captures' targets then the lent fds', NMOUNTS, NARGS.
      expect(done.captured.get(1)!.toString()).toBe('3 1 0 5 0 1|input');
      expect(readFileSync(join(dir, 'go-out'), 'utf8')).toBe('written');
      expect(readFileSync(join(dir, 'go-cgroup'), 'utf8')).toBe('joined');
      // The wait before the run is not its wall time (the shell's own start is).
      expect(done.wallMs).toBeLessThan(300);
    });

    it('serves runs one after another, each with its own captures and status, and lives on', async () => {
      const b = box();
      const exits: string[] = [];
      void b.done.then(() => exits.push('box'));
      for (const [out, code] of [['first', 1], ['second', 0], ['third', 7]] as const) {
        b.prep([]);
        const done = await go(b, `printf ${out}; printf err >&2; exit ${code}`, { caps: [{ target: 1, capBytes: 100, killOnOverflow: true }, { target: 2, capBytes: 100, killOnOverflow: true }] }).done;
        expect([done.code, done.captured.get(1)!.toString(), done.captured.get(2)!.toString(), done.lost]).toEqual([code, out, 'err', undefined]);
      }
      expect(exits).toEqual([]);
      b.kill();
      await expect(b.done).resolves.toMatchObject({ signal: 'SIGKILL' });
    });

    it("keeps a capture's first capBytes and, past them, kills the box: the run is lost, naming the stream", async () => {
      const b = box();
      b.prep([]);
      const done = await go(b, 'while :; do echo flood; done', { caps: [{ target: 1, capBytes: 1000, killOnOverflow: true }] }).done;
      expect(done).toMatchObject({ lost: true, signal: 'SIGKILL', overflowTarget: 1 });
      expect(done.captured.get(1)!.length).toBe(1000);
      await expect(b.done).resolves.toMatchObject({ signal: 'SIGKILL' });
    });

    it("a run's kill kills its box: the run is lost", async () => {
      const b = box();
      b.prep([]);
      const run = go(b, 'exec sleep 30');
      await run.started;
      run.kill();
      await expect(run.done).resolves.toMatchObject({ lost: true, code: null, signal: 'SIGKILL' });
      await expect(b.done).resolves.toMatchObject({ signal: 'SIGKILL' });
    });

    it('refuses to go with a tree that cannot be opened, and kills the box', async () => {
      const b = box();
      b.prep([]);
      await expect(go(b, 'true', { mounts: [{ source: join(dir, 'no-such-folder'), target: '/x', writable: false }] }).started)
        .rejects.toThrow(/cannot start the run in a prepared box: .*no-such-folder: No such file or directory/);
      await expect(b.done).resolves.toMatchObject({ signal: 'SIGKILL' });
    });

    it('refuses to go when the box ends before it acknowledged its run (what received it died)', async () => {
      const b = sut.prepare(['sh', '-c', 'sleep 0.3'], std(), 9);
      await b.started;
      await expect(go(b, 'true').started).rejects.toThrow(/the prepared box ended before its run/);
    });

    // The launcher may see such a box reaped before it reads the acknowledgement: it was a run all the same.
    // Made certain here by stopping the launcher while the box acknowledges, reports and ends.
    it('a run acknowledged and reported by a box that then ended is a run, not a box that ended before it', async () => {
      const launcherPid = Number((await sh('echo $PPID').done).captured.get(1)!.toString());
      const b = sut.prepare(['python3', '-c', 'import os, socket, time; s = socket.socket(fileno=9); s.recvmsg(100); s.recvmsg(100); time.sleep(0.3); s.send(b"r"); s.send(b"x1280"); os._exit(0)'], std(), 9);
      await b.started;
      b.prep([]);
      const run = go(b, 'x');
      await new Promise((r) => setTimeout(r, 150));
      process.kill(launcherPid, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, 600));
      process.kill(launcherPid, 'SIGCONT');
      await expect(run.started).resolves.toBeUndefined();
      await expect(run.done).resolves.toMatchObject({ code: 5 });
    });

    it('a run whose box ended after acknowledging it, without a report, is lost', async () => {
      const b = sut.prepare(['python3', '-c', 'import os, socket; s = socket.socket(fileno=9); s.recvmsg(100); s.recvmsg(100); s.send(b"r"); os._exit(0)'], std(), 9);
      b.prep([]);
      const run = go(b, 'x');
      await expect(run.started).resolves.toBeUndefined();
      await expect(run.done).resolves.toMatchObject({ lost: true });
    });

    // Whether the launcher reads the go before or after it reaped the box, the go settles.
    it('settles a go sent as its box ends', async () => {
      for (let i = 0; i < 10; i++) {
        const b = sut.prepare(['sh', '-c', 'exit 0'], std(), 9);
        const started = new Promise<Promise<void>>((resolve) => b.onExit(() => resolve(go(b, 'x').started)));
        await expect(started.then((p) => p)).rejects.toThrow(/prepared box is gone|ended before its run/);
      }
    });

    it('refuses to go once the box is gone', async () => {
      const b = sut.prepare(['sh', '-c', 'exit 0'], std(), 9);
      await expect(b.done).resolves.toMatchObject({ code: 0 });
      await expect(go(b, 'x').started).rejects.toThrow(/prepared box is gone/);
      await expect(go(b, 'x').done).rejects.toThrow(/prepared box is gone/);
    });

    // In a box, box-init outlives a killed bwrap (its capabilities clear its parent-death signal).
    it('when a prepared box is killed before its run, what it left behind sees the socket close, and the box ends', async () => {
      const box = sut.prepare(['sh', '-c', `python3 -c '${keeper.replace(/'/g, '"')}' & exec sleep 30`], std(), 9);
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
      const box = sut.prepare(['python3', '-c', keeper], std(), 9);
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
