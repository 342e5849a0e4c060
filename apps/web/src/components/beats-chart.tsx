import { useQuery } from '@tanstack/react-query';
import { api, type ProblemStats, unwrap } from '../api/client';
import { formatKiB, formatMs } from '../lib/format';

type Dist = ProblemStats['timeMs'];

/** One histogram: bars of accepted submissions, the bar holding `mine` highlighted. */
function Histogram({ dist, mine, title, format }: { dist: Dist; mine: number; title: string; format(v: number): string }) {
  const top = Math.max(1, ...dist.buckets.map((b) => b.count));
  const w = 300;
  const h = 90;
  const bw = dist.buckets.length ? w / dist.buckets.length : w;
  const label = `${title}: ${format(mine)}, beats ${dist.beatsPercent ?? 0}% of accepted submissions`;
  return (
    <figure className="histogram">
      <figcaption><strong>{title}</strong> {format(mine)} · beats <strong>{dist.beatsPercent ?? 0}%</strong></figcaption>
      <svg viewBox={`0 0 ${w} ${h + 14}`} role="img" aria-label={label} preserveAspectRatio="none">
        {dist.buckets.map((b, i) => {
          const bh = (b.count / top) * h;
          const last = i === dist.buckets.length - 1;
          const isMine = mine >= b.from && (mine < b.to || (last && mine <= b.to));
          return (
            <rect key={i} x={i * bw + 1} y={h - bh} width={Math.max(1, bw - 2)} height={bh} className={isMine ? 'bar mine' : 'bar'}>
              <title>{`${format(b.from)}–${format(b.to)}: ${b.count}`}</title>
            </rect>
          );
        })}
        <text x="0" y={h + 12} className="axis">{format(dist.min ?? 0)}</text>
        <text x={w} y={h + 12} className="axis" textAnchor="end">{format(dist.max ?? 0)}</text>
      </svg>
    </figure>
  );
}

/** Where an accepted submission's time and memory fall among accepted submissions to the problem. */
export function BeatsChart({ problemId, timeMs, memoryKb }: { problemId: string; timeMs: number; memoryKb: number }) {
  const q = useQuery({
    queryKey: ['stats', problemId, timeMs, memoryKb],
    queryFn: () => unwrap(api.GET('/api/v1/problems/{id}/stats', { params: { path: { id: problemId }, query: { timeMs, memoryKb } } })),
  });
  if (!q.data) return null;
  return (
    <section className="beats" aria-label="Compared with accepted submissions">
      <p className="muted">Among {q.data.accepted} accepted submission{q.data.accepted === 1 ? '' : 's'} to this problem:</p>
      <div className="pair">
        <Histogram dist={q.data.timeMs} mine={timeMs} title="Runtime" format={formatMs} />
        <Histogram dist={q.data.memoryKb} mine={memoryKb} title="Memory" format={formatKiB} />
      </div>
    </section>
  );
}
