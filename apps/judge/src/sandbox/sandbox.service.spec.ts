import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { automock } from '../../../../test/support/automock';
import { ProcessRunner } from '../process/process-runner';
import { SandboxService } from './sandbox.service';
import { SandboxError } from './sandbox.types';

describe(SandboxService.name, () => {
  let workDir: string;
  const config = () => ({ judgeWorkDir: workDir, judgeConcurrency: 1, judgeBoxUid: 60000 }) as AppConfig;

  beforeEach(() => (workDir = mkdtempSync(join(tmpdir(), 'sandbox-spec-'))));
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  it('starts no process when constructed', () => {
    const processes = automock(ProcessRunner);
    expect(() => new SandboxService(config(), processes)).not.toThrow();
    expect(processes.runSync).not.toHaveBeenCalled();
  });

  it('refuses to start without bubblewrap, naming the package', async () => {
    const processes = automock(ProcessRunner);
    processes.runSync.mockReturnValueOnce({ status: null, stdout: '', stderr: '', error: new Error('spawnSync bwrap ENOENT') });
    const sut = new SandboxService(config(), processes);
    await expect(sut.onModuleInit()).rejects.toThrow(SandboxError);
    expect(processes.runSync).toHaveBeenCalledWith('bwrap', ['--version']);
  });
});
