// The revision guard on submission writes, against the real database: of two writers that read
// the same revision only the first lands, and nothing is written after a final state. This is
// what keeps one final verdict when a judge presumed dead (or one that handed its job back) is
// still running.
import { randomUUID } from 'node:crypto';
import { SubmissionStatus, Verdict } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository, SupersededWriteError } from '@app/persistence';
import { useStack } from '../../../test/support/stack';

const stack = useStack({ judge: false });

async function inserted(repo: SubmissionsRepository): Promise<SubmissionEntity> {
  const id = randomUUID();
  await repo.insert({
    id, problemId: null, language: 'python3', sourceCode: 'print(1)', files: null, entryPoint: null, stdin: '', expectedOutput: null, limits: {}, runOptions: null, callback: null,
    status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null,
    testCount: 0, tests: [], revision: 0, judgeId: null, ownerId: null,
  });
  return (await repo.findById(id))!;
}

it('two judges that read the same revision: the first write lands, the second is refused and changes nothing', async () => {
  const repo = stack.gw.app.get(SubmissionsRepository);
  const read = await inserted(repo);
  await repo.update({ ...read, status: SubmissionStatus.Compiling, judgeId: 'judge-new' });
  await expect(repo.update({ ...read, status: SubmissionStatus.Running, judgeId: 'judge-old' })).rejects.toBeInstanceOf(SupersededWriteError);
  expect(await repo.findById(read.id)).toMatchObject({ revision: 1, status: 'compiling', judgeId: 'judge-new' });
});

it('nothing is written after a final state, even at the current revision', async () => {
  const repo = stack.gw.app.get(SubmissionsRepository);
  const read = await inserted(repo);
  const final = await repo.update({ ...read, status: SubmissionStatus.Finished, verdict: Verdict.AC });
  await expect(repo.update({ ...final, status: SubmissionStatus.Running })).rejects.toBeInstanceOf(SupersededWriteError);
  await expect(repo.update({ ...final, status: SubmissionStatus.Finished, verdict: Verdict.IE })).rejects.toBeInstanceOf(SupersededWriteError);
  expect(await repo.findById(read.id)).toMatchObject({ revision: 1, status: 'finished', verdict: 'AC' });
});
