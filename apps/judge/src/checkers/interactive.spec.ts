import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckerDto } from '@app/contracts';
import { strictMock } from '../../../../test/support/strict-mock';
import type { Language } from '../languages/language.registry';
import { SandboxService } from '../sandbox/sandbox.service';
import { RunResult, RunSpec } from '../sandbox/sandbox.types';
import { InteractiveRunner } from './interactive';

const result = (over: Partial<RunResult>): RunResult => ({
  outcome: 'exited', exitCode: 0, signal: null, cpuMs: 1, wallMs: 1, memoryKb: null, memoryLimitHit: false,
  stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputLimitStream: null, ...over,
});

describe('InteractiveRunner: who ended first', () => {
  let work: string;
  beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'interactive-spec-')); });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const language = strictMock<Language>('language', { run: () => ['validator'], mounts: [], env: {} });
  const prepared = { dir: '', language, file: 'validator', error: null };
  const limits = { cpuMs: 1000, wallMs: 2000, memoryKb: 65536, outputKb: 1024, processes: 1, fileSizeKb: 1024 };

  /** Runs one interaction whose two runs settle at the given times but are collected in the given order. */
  const interact = async (validator: RunResult, submission: RunResult, collectedFirst: 'validator' | 'submission') => {
    let pipes = 0;
    const sandbox = strictMock<SandboxService>('sandbox', {
      pipe: () => ({ read: 100 + pipes, write: 200 + pipes++ }),
      run: (spec: RunSpec) => {
        const isValidator = spec.argv[0] === 'validator';
        const late = (collectedFirst === 'validator') !== isValidator;
        return new Promise((resolve) => setTimeout(() => resolve(isValidator ? validator : submission), late ? 20 : 0));
      },
    });
    const runner = new InteractiveRunner(sandbox);
    return runner.interact({ type: 'interactive', language: 'python3', source: '' } as CheckerDto, { ...prepared, dir: work }, work,
      join(work, 'in'), join(work, 'ans'), { argv: ['submission'], mounts: [], limits });
  };

  it('a validator that saw EOF after the judge killed the submission ended second, though collected first', async () => {
    const killed = result({ outcome: 'wall-time-limit', exitCode: null, signal: 'SIGKILL', endedAt: 1000 });
    const wrong = result({ exitCode: 43, endedAt: 1003 });
    const { validatorFirst } = await interact(wrong, killed, 'validator');
    expect(validatorFirst).toBe(false);
  });

  it('a validator that ended before the submission ended first, though collected second', async () => {
    const wrong = result({ exitCode: 43, endedAt: 1000 });
    const crashed = result({ exitCode: 1, endedAt: 1004 });
    const { validatorFirst, validator } = await interact(wrong, crashed, 'submission');
    expect(validatorFirst).toBe(true);
    expect(validator.outcome).toBe('wrong');
  });

  it('when one box cannot be set up, throws only once the other box has ended', async () => {
    let pipes = 0;
    let submissionEnded = false;
    const sandbox = strictMock<SandboxService>('sandbox', {
      pipe: () => ({ read: 100 + pipes, write: 200 + pipes++ }),
      run: (spec: RunSpec) => spec.argv[0] === 'validator'
        ? Promise.reject(new Error('the validator box could not be set up'))
        : new Promise((resolve) => setTimeout(() => { submissionEnded = true; resolve(result({ endedAt: 1000 })); }, 30)),
    });
    const runner = new InteractiveRunner(sandbox);
    const interaction = runner.interact({ type: 'interactive', language: 'python3', source: '' } as CheckerDto, { ...prepared, dir: work }, work,
      join(work, 'in'), join(work, 'ans'), { argv: ['submission'], mounts: [], limits });
    await expect(interaction).rejects.toThrow('the validator box could not be set up');
    expect(submissionEnded).toBe(true);
  });
});
