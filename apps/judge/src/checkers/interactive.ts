import { Injectable } from '@nestjs/common';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckerDto } from '@app/contracts';
import { PROGRAM_DIR } from '../languages/language.registry';
import { SandboxService } from '../sandbox/sandbox.service';
import { RunResult, RunSpec } from '../sandbox/sandbox.types';
import { CHECKER_LIMITS, CustomCheckResult, JUDGE_DIR, kattisResult, Prepared } from './custom-checker';

/** How one interaction ended: the submission's run, the validator's word, and who ended first. */
export interface Interaction {
  run: RunResult;
  validator: CustomCheckResult;
  /** The validator's process tree was gone before the submission's (its WA then beats the submission's TLE/RE). */
  validatorFirst: boolean;
}

/** Time the validator gets past the submission's wall limit to read the end of its output and exit, ms. */
export const VALIDATOR_GRACE_MS = 1000;

/**
 * Interactive problems (ICPC problem package format, `type: interactive` /
 * `validation: custom interactive`): the validator and the submission run at once, each in its
 * own box, joined by two pipes (the submission's stdout is the validator's stdin and the other
 * way round; the judge keeps no end open). The validator runs as
 * `validator /judge/input /judge/answer /judge/feedback` and answers as an output validator:
 * exit 42 accepted, 43 wrong, `judgemessage.txt` its message. The submission has the test's
 * limits (only its CPU time counts against the time limit; its wall limit caps the whole
 * interaction, so one that waits for an answer because it forgot to flush is killed there);
 * the validator has the checkers' CPU and memory limits and the submission's wall limit plus
 * `VALIDATOR_GRACE_MS`. The verdict is `interactiveRuling` (judging/verdict-rules.ts).
 */
@Injectable()
export class InteractiveRunner {
  constructor(private readonly sandbox: SandboxService) {}

  /**
   * Runs one test. `submission` is the submission's run without stdin/stdout (they are the
   * pipes). `work` is a folder of the judge's own for the feedback folder.
   * Never throws for anything either program does.
   * @throws SandboxError when either box cannot be set up: only once both runs have ended, so no
   * box of this test outlives the call.
   */
  async interact(checker: CheckerDto, prepared: Prepared, work: string, inputFile: string, answerFile: string,
    submission: Omit<RunSpec, 'stdinFile' | 'stdinFd' | 'stdoutFd'>): Promise<Interaction> {
    const files = mkdtempSync(join(work, 'interact-'));
    const feedback = join(files, 'feedback');
    mkdirSync(feedback);
    chmodSync(files, 0o755);
    chmodSync(feedback, 0o777);
    try {
      const toValidator = await this.sandbox.pipe();
      let toSubmission: Awaited<ReturnType<SandboxService['pipe']>>;
      try {
        toSubmission = await this.sandbox.pipe();
      } catch (e) {
        closeSync(toValidator.read);
        closeSync(toValidator.write);
        throw e;
      }
      const validatorRun = this.sandbox.run({
        argv: [...prepared.language.run(prepared.file, CHECKER_LIMITS.memoryKb, prepared.text), `${JUDGE_DIR}/input`, `${JUDGE_DIR}/answer`, `${JUDGE_DIR}/feedback`],
        mounts: [
          ...prepared.language.mounts,
          { source: prepared.dir, target: PROGRAM_DIR },
          { source: inputFile, target: `${JUDGE_DIR}/input` },
          { source: answerFile, target: `${JUDGE_DIR}/answer` },
          { source: feedback, target: `${JUDGE_DIR}/feedback`, writable: true },
        ],
        stdinFd: toValidator.read,
        stdoutFd: toSubmission.write,
        env: prepared.language.env,
        limits: { ...CHECKER_LIMITS, wallMs: submission.limits.wallMs + VALIDATOR_GRACE_MS },
      });
      const submissionRun = this.sandbox.run({ ...submission, stdinFd: toSubmission.read, stdoutFd: toValidator.write });
      // Both settle before anything is thrown: when one box could not start, the other still runs
      // (until its pipe closes or its wall limit), and the submission's CPU slot is held until it is gone.
      const [settledValidator, settledSubmission] = await Promise.allSettled([validatorRun, submissionRun]);
      if (settledValidator.status === 'rejected') throw settledValidator.reason;
      if (settledSubmission.status === 'rejected') throw settledSubmission.reason;
      const v = settledValidator.value;
      const run = settledSubmission.value;
      // By when each end was settled, not by when its result was collected: a validator that saw
      // EOF because the judge killed the submission (a wall-time limit) ended second.
      const validatorFirst = (v.endedAt ?? 0) < (run.endedAt ?? Infinity);
      return { run, validator: kattisResult(v, feedback, 'validator'), validatorFirst };
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
  }
}
