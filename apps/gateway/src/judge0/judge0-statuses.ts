import { constants } from 'node:os';
import { SubmissionStatus, TestResultView, Verdict } from '@app/contracts';

/** Judge0 CE's statuses, ids 1–14, with its descriptions (`GET /judge0/statuses`). */
export const JUDGE0_STATUSES = [
  { id: 1, description: 'In Queue' },
  { id: 2, description: 'Processing' },
  { id: 3, description: 'Accepted' },
  { id: 4, description: 'Wrong Answer' },
  { id: 5, description: 'Time Limit Exceeded' },
  { id: 6, description: 'Compilation Error' },
  { id: 7, description: 'Runtime Error (SIGSEGV)' },
  { id: 8, description: 'Runtime Error (SIGXFSZ)' },
  { id: 9, description: 'Runtime Error (SIGFPE)' },
  { id: 10, description: 'Runtime Error (SIGABRT)' },
  { id: 11, description: 'Runtime Error (NZEC)' },
  { id: 12, description: 'Runtime Error (Other)' },
  { id: 13, description: 'Internal Error' },
  { id: 14, description: 'Exec Format Error' },
] as const;

export interface Judge0Status {
  id: number;
  description: string;
}

const status = (id: number): Judge0Status => ({ ...JUDGE0_STATUSES[id - 1] });

/** The signal's number (`SIGSEGV` → 11), or null. */
export function signalNumber(name: string | null): number | null {
  if (!name) return null;
  return (constants.signals as Record<string, number>)[name] ?? null;
}

/**
 * A submission's Judge0 status and `message` from its state and the test that decided its
 * verdict (`decisive`: the first failing one, else the last):
 * queued → 1; compiling or running → 2; AC 3, WA 4, TLE 5, CE 6, IE 13; RE by its signal
 * (SIGSEGV 7, SIGXFSZ 8, SIGFPE 9, SIGABRT 10, another 12), by a non-zero exit 11 (NZEC), a
 * program that cannot be executed 14. Verdicts Judge0 lacks map as Judge0 reports those
 * endings: OLE → 8 (Judge0's output goes to a file, which the file-size limit stops with
 * SIGXFSZ), MLE → 12 (the kernel's kill), each with a message naming our verdict.
 */
export function judge0Status(s: { status: SubmissionStatus; verdict: Verdict | null }, decisive: TestResultView | undefined): { status: Judge0Status; message: string | null } {
  if (s.status === SubmissionStatus.Queued) return { status: status(1), message: null };
  if (s.status !== SubmissionStatus.Finished) return { status: status(2), message: null };
  const why = decisive?.message ?? null;
  switch (s.verdict) {
    case Verdict.AC: return { status: status(3), message: null };
    case Verdict.WA: return { status: status(4), message: null };
    case Verdict.TLE: return { status: status(5), message: 'Time limit exceeded' + (why?.startsWith('wall') ? ' (wall clock)' : '') };
    case Verdict.CE: return { status: status(6), message: null };
    case Verdict.OLE: return { status: status(8), message: `Output limit exceeded${why ? `: ${why}` : ''}` };
    case Verdict.MLE: return { status: status(12), message: `Memory limit exceeded${why ? `: ${why}` : ''}` };
    case Verdict.RE: {
      if (why?.startsWith('cannot execute')) return { status: status(14), message: why };
      const signal = decisive?.signal ?? null;
      if (signal) {
        const id = ({ SIGSEGV: 7, SIGXFSZ: 8, SIGFPE: 9, SIGABRT: 10 } as Record<string, number>)[signal] ?? 12;
        return { status: status(id), message: `Caught fatal signal ${signalNumber(signal) ?? signal}` };
      }
      return { status: status(11), message: `Exited with error status ${decisive?.exitCode ?? 1}` };
    }
    default: return { status: status(13), message: null };
  }
}
