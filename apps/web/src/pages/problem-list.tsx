import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSession } from '../api/session';
import { formatKiB, formatMs } from '../lib/format';

/** Ids of the problems the signed-in user has an accepted submission for (empty when signed out). */
export function useSolved(): Set<string> {
  const s = useSession();
  const q = useQuery({
    queryKey: ['solved', s?.user.id],
    enabled: !!s,
    queryFn: () => unwrap(api.GET('/api/v1/submissions', { params: { query: { verdict: 'AC', limit: 100 } } })),
  });
  return useMemo(() => new Set((q.data?.items ?? []).map((x) => x.problemId).filter((x): x is string => !!x)), [q.data]);
}

/** The problems: a link per problem named by its title, its limits, a solved mark; a search box. */
export function ProblemList() {
  const problems = useQuery({ queryKey: ['problems'], queryFn: () => unwrap(api.GET('/api/v1/problems')) });
  const solved = useSolved();
  const [search, setSearch] = useState('');
  const shown = (problems.data ?? []).filter((p) => `${p.title} ${p.id}`.toLowerCase().includes(search.trim().toLowerCase()));
  return (
    <section>
      <div className="row spread">
        <h1>Problems</h1>
        <input type="search" aria-label="Search problems" placeholder="Search problems" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {problems.isPending ? <p>Loading…</p> : null}
      {problems.error ? <p role="alert" className="error">{problems.error.message}</p> : null}
      {problems.data ? (
        <table className="list">
          <caption className="sr-only">Problems</caption>
          <thead>
            <tr><th scope="col">Title</th><th scope="col">Time limit</th><th scope="col">Memory limit</th><th scope="col">Solved</th></tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/problems/${p.id}`}>{p.title}</Link></td>
                <td>{formatMs(p.timeLimitMs)}</td>
                <td>{formatKiB(p.memoryLimitKb)}</td>
                <td>{solved.has(p.id) ? <span className="solved" role="img" aria-label="Solved">✓</span> : <span className="sr-only">Not solved</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {problems.data && !shown.length ? <p>No problem matches “{search}”.</p> : null}
    </section>
  );
}
