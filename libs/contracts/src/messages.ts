import { LanguageInfo } from './language';
import { SubmissionView } from './submission.dto';

/** Message patterns answered by judges over the Nest Redis transport (request / response). */
export const JudgeMessages = {
  /** → `LanguageInfo[]`: the languages this judge can run. */
  ListLanguages: 'languages.list',
  /** → `JudgeStatus`. */
  Status: 'judge.status',
} as const;

/** Events published over the Nest Redis transport (fire and forget, every gateway receives them). */
export const JudgeEvents = {
  /** Payload `SubmissionView`: published after every saved change of a submission. */
  SubmissionUpdated: 'submission.updated',
} as const;

export interface EventPayloads {
  [JudgeEvents.SubmissionUpdated]: SubmissionView;
}

/**
 * A limit or protection a judge's sandbox enforces: `cpu-time` (whole process tree, cgroup) or
 * `cpu-time-per-process` (RLIMIT_CPU), `memory` (cgroup) or `address-space` (RLIMIT_AS),
 * `processes` (pids cgroup) or `processes-per-user` (RLIMIT_NPROC), `peak-memory` (measured),
 * `box-uids` (each box its own unprivileged host uid), and always `wall-time`, `output`,
 * `file-size`, `network`, `namespaces`, `seccomp`.
 */
export type SandboxLimit =
  | 'cpu-time' | 'cpu-time-per-process' | 'wall-time' | 'memory' | 'address-space' | 'peak-memory'
  | 'processes' | 'processes-per-user' | 'output' | 'file-size' | 'network' | 'namespaces' | 'seccomp' | 'box-uids';

/** How a judge's sandbox runs on its machine (docs/sandbox.md). */
export interface SandboxStatus {
  /** `root`: the judge is root and boxes drop to unprivileged uids; `rootless`: a user namespace. */
  mode: 'root' | 'rootless';
  /** The cgroup hierarchy limiting and measuring each box; `none` without usable cgroups. */
  cgroups: 'v1' | 'v2' | 'none';
  enforced: SandboxLimit[];
  /** What this judge cannot enforce or measure here, in words (empty when nothing degrades). */
  unenforced: string[];
}

export interface JudgeStatus {
  judgeId: string;
  /** JUDGE_CONCURRENCY: the CPU slots, submissions whose programs run at once. */
  concurrency: number;
  /** JUDGE_IN_FLIGHT: submissions taken from the queue at once. */
  inFlight: number;
  /** Submissions being judged now. */
  running: number;
  /** CPU slots in use now, and submissions waiting for one. */
  slots: { busy: number; waiting: number };
  languages: LanguageInfo[];
  sandbox: SandboxStatus;
  /** Compile cache hits and misses, and problems whose tests were read from the database. */
  caches: { compileHits: number; compileMisses: number; testDataFetches: number };
}

/** BullMQ queue of submissions to judge. */
export const SUBMISSION_QUEUE = 'submissions';

/** Payload of a job on the submission queue: the submission is read from the database. */
export interface JudgeJob {
  submissionId: string;
}
