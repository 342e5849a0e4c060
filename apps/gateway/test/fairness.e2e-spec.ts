// Fair queueing with a real judge (JUDGE_CONCURRENCY=2): one identity's backlog does not hold
// back another identity's next submission beyond the runs already in progress. Without it, B's
// submission would wait behind all 40 of A's (about 40 s here).
import { api, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(180000);

const stack = useStack();

const slow = { language: 'python3', sourceCode: 'import time\ntime.sleep(2)\nprint("done")', stdin: '', expectedOutput: 'done', limits: { wallTimeLimitMs: 10000 } };
const quick = { language: 'python3', sourceCode: 'print("done")', stdin: '', expectedOutput: 'done' };

it('user A floods 40 slow submissions, then user B submits one: B finishes before A\'s 5th', async () => {
  const [a, b] = await Promise.all(['flooder', 'newcomer'].map(async (name) => (await api(stack.gw.url, 'POST', '/api/v1/keys', { name, role: 'user' })).body.key as string));
  // A's 5th is the 5th accepted: POSTs go in batches of 5 (fast, yet ordered between batches).
  const flood: string[] = [];
  for (let i = 0; i < 40; i += 5) flood.push(...(await Promise.all([0, 1, 2, 3, 4].map(() => submit(stack.gw.url, slow, { token: a })))));
  const mine = await submit(stack.gw.url, quick, { token: b });

  const { final } = await watch(stack.gw.wsUrl, mine, 120000, { token: b });
  expect(final.verdict).toBe('AC');
  const listed = (await api(stack.gw.url, 'GET', '/api/v1/submissions?limit=100', undefined, { token: a })).body.items;
  // Read after B's verdict, so A's count can only be higher than at that moment: at most 4 of
  // A's 40 had finished when B's did.
  expect(listed).toHaveLength(40);
  expect(listed.filter((s: any) => s.status === 'finished').length).toBeLessThan(5);
});
