// The sandbox's result channel (RunSpec.resultFd), against the real sandbox: fd 3 is a file the
// run hands back, apart from stdout; runs that do not ask for it have no fd 3.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessRunner } from '../../../apps/judge/src/process/process-runner';
import { SandboxService } from '../../../apps/judge/src/sandbox/sandbox.service';
import { RunSpec } from '../../../apps/judge/src/sandbox/sandbox.types';

jest.setTimeout(60000);

const dir = mkdtempSync(join(process.env.E2E_TMP!, 'result-fd-'));
chmodSync(dir, 0o755);
const sandbox = new SandboxService({ judgeBoxUid: 61000, judgeConcurrency: 1, judgeWarmBoxes: 3, judgeWorkDir: join(dir, 'work') } as never, new ProcessRunner());
beforeAll(() => sandbox.onModuleInit());
const limits = { cpuMs: 2000, wallMs: 10000, memoryKb: 262144, outputKb: 64, processes: 16, fileSizeKb: 65536 };

function program(name: string, source: string): string {
  writeFileSync(join(dir, `${name}.c`), source);
  execFileSync('gcc', ['-O2', '-o', join(dir, name), join(dir, `${name}.c`)]);
  return `/prog/${name}`;
}
const run = (argv: string[], extra: Partial<RunSpec> = {}) => sandbox.run({ argv, mounts: [{ source: dir, target: '/prog' }], limits, ...extra });

afterAll(() => sandbox.onApplicationShutdown());

describe('RunSpec.resultFd', () => {
  const both = program('both', '#include <stdio.h>\n#include <unistd.h>\n#include <errno.h>\nint main(void){ printf("to stdout"); fflush(stdout); if (write(3, "[1,2]", 5) != 5) return errno; return 0; }\n');

  it('gives fd 3 to the program and hands back what it wrote, apart from stdout', async () => {
    const r = await run([both], { resultFd: true });
    expect({ outcome: r.outcome, exitCode: r.exitCode, stdout: r.stdout.toString(), result: r.result?.toString() })
      .toEqual({ outcome: 'exited', exitCode: 0, stdout: 'to stdout', result: '[1,2]' });
  });

  it('leaves fd 3 closed for runs that do not ask for it', async () => {
    const r = await run([both]);
    expect({ exitCode: r.exitCode, result: r.result }).toEqual({ exitCode: 9 /* EBADF */, result: undefined });
  });

  it('can be reopened as /proc/self/fd/3 (for runtimes without raw fds)', async () => {
    const reopen = program('reopen', '#include <stdio.h>\nint main(void){ FILE* f = fopen("/proc/self/fd/3", "a"); if (!f) return 1; fputs("reopened", f); return fclose(f) != 0; }\n');
    const r = await run([reopen], { resultFd: true });
    expect([r.exitCode, r.result?.toString()]).toEqual([0, 'reopened']);
  });

  it('is OLE past the output limit, and capped by the file size limit', async () => {
    const flood = program('flood', '#include <string.h>\n#include <unistd.h>\nint main(void){ static char b[4096]; memset(b, 120, sizeof b); for (;;) if (write(3, b, sizeof b) < 0) return 1; }\n');
    const r = await run([flood], { resultFd: true, limits: { ...limits, fileSizeKb: 1024 } });
    expect({ outcome: r.outcome, stream: r.outputLimitStream, size: r.result?.length }).toEqual({ outcome: 'output-limit', stream: 'result', size: 64 * 1024 });
  });
});
