import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSession } from '../api/session';
import { formatKiB, formatMs } from '../lib/format';
import { statusLine } from '../lib/verdicts';

/** The signed-in user's submissions to one problem, newest first, each a link to its page. */
export function SubmissionHistory({ problemId }: { problemId: string }) {
  const s = useSession();
  const q = useQuery({
    queryKey: ['history', problemId, s?.user.id],
    enabled: !!s,
    queryFn: () => unwrap(api.GET('/api/v1/submissions', { params: { query: { problemId, limit: 50 } } })),
  });
  if (!s) return null;
  const items = q.data?.items ?? [];
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">Your submissions</h2>
      {q.error ? <p role="alert" className="error">{q.error.message}</p> : null}
      {items.length ? (
        <table className="list">
          <caption className="sr-only">Your submissions</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Result</th><th scope="col">Language</th><th scope="col">Time</th><th scope="col">Memory</th></tr></thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.id}>
                <td><Link to={`/submissions/${x.id}`}>{new Date(x.createdAt).toLocaleString()}</Link></td>
                <td className={`v-${x.verdict}`}>{statusLine(x)}</td>
                <td>{x.language}</td>
                <td>{formatMs(x.timeMs)}</td>
                <td>{formatKiB(x.memoryKb)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : q.isSuccess ? <p className="muted">No submissions yet.</p> : null}
    </section>
  );
}
