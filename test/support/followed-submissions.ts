// Submissions followed over a WebSocket while the Redis under the stack fails over: each is
// submitted, watched until its final frame (and a moment after, to catch a second one), then
// checked against the database. Shared by the Redis Cluster and Sentinel e2e specs.
import WebSocket from 'ws';
import { SubmissionView, Verdict } from '@app/contracts';
import { api, authHeaders, RemoteGateway, submit } from './stack';

/** Doubles a number after `sleepS` seconds; `wrong` prints one more (WA). */
function program(sleepS: number, wrong: boolean): string {
  return `import time\ntime.sleep(${sleepS})\nprint(int(input()) * 2${wrong ? ' + 1' : ''})`;
}

export interface Watched {
  id: string;
  expected: Verdict;
  frames: SubmissionView[];
  done: Promise<void>;
}

/** Submits one and follows it over a WebSocket until its `finished` frame (and a little longer). */
export async function submitAndWatch(gw: RemoteGateway, n: number): Promise<Watched> {
  const expected = n % 3 === 2 ? Verdict.WA : Verdict.AC;
  const id = await submit(gw.url, { language: 'python3', sourceCode: program(0.2, expected === Verdict.WA), stdin: String(n), expectedOutput: String(n * 2) });
  const frames: SubmissionView[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(gw.wsUrl, { headers: authHeaders() });
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`${id}: no finished frame; statuses ${frames.map((f) => f.status)}`)); }, 90000);
    ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } })));
    ws.on('message', (m) => {
      const frame = JSON.parse(m.toString());
      if (frame.event !== 'submission') return reject(new Error(`${id}: ${m}`));
      frames.push(frame.data);
      // Kept open a moment after the final frame: a second final would be caught.
      if (frame.data.status === 'finished') setTimeout(() => { clearTimeout(timer); ws.close(); resolve(); }, 500);
    });
    ws.on('error', reject);
  });
  return { id, expected, frames, done };
}

/** Every frame's revision above the last, one `finished` frame, the last, with the right verdict; the database agrees. */
export async function expectOneRightFinal(gw: RemoteGateway, w: Watched): Promise<void> {
  await w.done;
  const revisions = w.frames.map((f) => f.revision);
  expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  expect(new Set(revisions).size).toBe(revisions.length);
  expect(w.frames.filter((f) => f.status === 'finished')).toHaveLength(1);
  const last = w.frames[w.frames.length - 1];
  expect({ id: w.id, status: last.status, verdict: last.verdict }).toEqual({ id: w.id, status: 'finished', verdict: w.expected });
  const stored = (await api(gw.url, 'GET', `/api/v1/submissions/${w.id}`)).body;
  expect({ status: stored.status, verdict: stored.verdict, revision: stored.revision }).toEqual({ status: 'finished', verdict: w.expected, revision: last.revision });
}

