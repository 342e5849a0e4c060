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

export interface JudgeStatus {
  judgeId: string;
  concurrency: number;
  running: number;
  languages: LanguageInfo[];
  sandbox: { cgroups: string };
  /** Compile cache hits and misses, and problems whose tests were read from the database. */
  caches: { compileHits: number; compileMisses: number; testDataFetches: number };
}

/** BullMQ queue of submissions to judge. */
export const SUBMISSION_QUEUE = 'submissions';

/** Payload of a job on the submission queue: the submission is read from the database. */
export interface JudgeJob {
  submissionId: string;
}
