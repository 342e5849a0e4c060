import type { Problem, Submission } from '../api/client';
import { formatKiB, formatMs } from '../lib/format';
import { compileErrorLines, finishedTests, statusLine, verdictName } from '../lib/verdicts';

/** The status region: queued, compiling, test k of n, then the verdict's full name. */
export function Verdict({ submission, label = 'Submission' }: { submission: Submission; label?: string }) {
  const final = submission.status === 'finished';
  return (
    <div role="status" aria-live="polite" className={`verdict ${final ? `v-${submission.verdict}` : 'pending'}`}>
      <span className="sr-only">{label}: </span>
      <strong>{statusLine(submission)}</strong>
      {final && submission.verdict !== 'CE' ? (
        <span className="figures"> · {formatMs(submission.timeMs)} · {formatKiB(submission.memoryKb)}</span>
      ) : null}
    </div>
  );
}

/** One row per finished test, appearing as each finishes: verdict, time, memory. */
export function TestRows({ submission }: { submission: Submission }) {
  const rows = finishedTests(submission.tests);
  return (
    <table className="tests">
      <caption>Tests</caption>
      <thead>
        <tr><th scope="col">Test</th><th scope="col">Verdict</th><th scope="col">Time</th><th scope="col">Memory</th></tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.index} className={t.skipped ? 'skipped' : `v-${t.verdict}`}>
            <td>{t.index}{t.sample ? ' (sample)' : ''}{t.group && t.group !== 'sample' && t.group !== 'secret' ? ` · ${t.group}` : ''}</td>
            <td>{t.skipped ? 'Skipped' : verdictName(t.verdict)}{t.message && t.verdict !== 'AC' ? <small className="why"> {t.message}</small> : null}</td>
            <td>{formatMs(t.timeMs)}</td>
            <td>{formatKiB(t.memoryKb)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Compiler messages, each line with the source line it names. */
export function CompileOutput({ output }: { output: string }) {
  const lines = compileErrorLines(output);
  return (
    <section aria-labelledby="ce-h" className="compile">
      <h3 id="ce-h">Compiler output</h3>
      <pre tabIndex={0}>
        {lines.map((l, i) => (
          <div key={i} className={l.line ? 'has-line' : undefined}>
            {l.line ? <span className="line-ref">line {l.line}</span> : null}
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}

/** Expected beside got, for a sample test that failed. */
export function SampleDiff({ expected, got, title }: { expected: string; got: string; title: string }) {
  return (
    <section className="diff" aria-label={title}>
      <h3>{title}</h3>
      <div className="pair">
        <figure><figcaption>Expected</figcaption><pre tabIndex={0}>{expected}</pre></figure>
        <figure><figcaption>Got</figcaption><pre tabIndex={0}>{got || '(no output)'}</pre></figure>
      </div>
    </section>
  );
}

/** The failing sample tests of a submission, expected vs got. */
export function FailedSamples({ submission, problem }: { submission: Submission; problem?: Problem }) {
  const failed = submission.tests.filter((t) => t.sample && t.verdict && t.verdict !== 'AC' && t.stdout !== undefined);
  return (
    <>
      {failed.map((t) => {
        const sample = problem?.samples.find((s) => s.index === t.index);
        return sample ? <SampleDiff key={t.index} title={`Test ${t.index} (sample): ${verdictName(t.verdict)}`} expected={sample.output} got={t.stdout ?? ''} /> : null;
      })}
    </>
  );
}
