import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, type Problem, unwrap } from '../api/client';
import { useLiveSubmission } from '../lib/live';
import { LiveResult, codeStore } from './problem-page';

/** One submission: its code, live status and test results. */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const { data, error } = useLiveSubmission(id);
  const problemId = data?.problemId ?? undefined;
  const problem = useQuery({
    queryKey: ['problem', problemId],
    enabled: !!problemId,
    queryFn: () => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id: problemId! } } })) as Promise<Problem>,
  });
  const code = useQuery({
    queryKey: ['source', id],
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/submissions/{id}/source', { params: { path: { id } } })),
  });
  const files = code.data?.files;
  const source = files ? undefined : code.data?.sourceCode ?? codeStore.loadSubmissionSource(id)?.code;
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
      {files ? <SubmittedFiles files={files} entryPoint={code.data?.entryPoint ?? null} />
        : source !== undefined ? <pre className="code" tabIndex={0} aria-label="Submitted code">{source}</pre>
        : <p className="muted">{code.isPending ? 'Loading…' : 'The code is not available.'}</p>}
    </section>
  );
}

type SubmittedFile = { path: string; content: string; encoding?: 'utf8' | 'base64' };

/** A submission of several files: each file under its path; base64 files by size only (bytes, not text). */
function SubmittedFiles({ files, entryPoint }: { files: SubmittedFile[]; entryPoint: string | null }) {
  return (
    <>
      {files.map((f) => (
        <section key={f.path} aria-label={f.path}>
          <h3><code>{f.path}</code>{f.path === entryPoint ? <span className="muted"> · entry point</span> : null}</h3>
          {f.encoding === 'base64'
            ? <p className="muted">{Math.floor((f.content.replace(/=+$/, '').length * 3) / 4)} bytes (binary, not shown)</p>
            : <pre className="code" tabIndex={0} aria-label={`Submitted code: ${f.path}`}>{f.content}</pre>}
        </section>
      ))}
    </>
  );
}
