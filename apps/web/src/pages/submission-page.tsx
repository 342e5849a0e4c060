import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, type Problem, unwrap } from '../api/client';
import { useLiveSubmission } from '../lib/live';
import { LiveResult, codeStore } from './problem-page';

/** One submission: its code (when sent from this browser), live status and test results. */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const { data, error } = useLiveSubmission(id);
  const problemId = data?.problemId ?? undefined;
  const problem = useQuery({
    queryKey: ['problem', problemId],
    enabled: !!problemId,
    queryFn: () => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id: problemId! } } })) as Promise<Problem>,
  });
  const source = (data as { sourceCode?: string } | undefined)?.sourceCode ?? codeStore.loadSubmissionSource(id)?.code;
  if (error && !data) return <section className="narrow"><h1>Submission</h1><p role="alert" className="error">{error}</p></section>;
  return (
    <section>
      <h1>Submission</h1>
      {data ? (
        <p className="muted">
          {problemId ? <>Problem <Link to={`/problems/${problemId}`}>{problem.data?.title ?? problemId}</Link> · </> : 'Run · '}
          {data.language} · {new Date(data.createdAt).toLocaleString()}
        </p>
      ) : null}
      <LiveResult id={id} problem={problem.data} />
      <h2>Code</h2>
      {source !== undefined ? <pre className="code" tabIndex={0} aria-label="Submitted code">{source}</pre> : <p className="muted">The code was sent from another browser.</p>}
    </section>
  );
}
