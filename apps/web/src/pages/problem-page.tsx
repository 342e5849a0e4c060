import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type Problem, type Submission, unwrap } from '../api/client';
import { useSession } from '../api/session';
import { useDark } from '../app';
import { BeatsChart } from '../components/beats-chart';
import { Editor } from '../components/editor';
import { CompileOutput, FailedSamples, SampleDiff, TestRows, Verdict } from '../components/results';
import { Samples } from '../components/samples';
import { Statement } from '../components/statement';
import { SubmissionHistory } from '../components/submission-history';
import { CodeStore, pickLanguage } from '../lib/code-storage';
import { formatKiB, formatMs } from '../lib/format';
import { useLiveSubmission } from '../lib/live';
import { verdictName } from '../lib/verdicts';

export const codeStore = new CodeStore(window.localStorage);

/** The languages the judges run (GET /api/v1/languages). */
export function useLanguages() {
  return useQuery({ queryKey: ['languages'], queryFn: () => unwrap(api.GET('/api/v1/languages')), staleTime: 60_000 });
}

/** A problem: statement, samples and limits beside the editor, Run and Submit, live results, history. */
export function ProblemPage() {
  const { id = '' } = useParams();
  const problem = useQuery({ queryKey: ['problem', id], queryFn: () => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id } } })) as Promise<Problem> });
  if (problem.error) {
    return <section className="narrow"><h1>Problem not found</h1><p role="alert">{problem.error.message}</p><Link to="/">All problems</Link></section>;
  }
  if (!problem.data) return <p>Loading…</p>;
  return <Workspace problem={problem.data} />;
}

function Limits({ p }: { p: Problem }) {
  return (
    <dl className="limits">
      <div><dt>Time limit</dt><dd>{formatMs(p.timeLimitMs)}</dd></div>
      <div><dt>Memory limit</dt><dd>{formatKiB(p.memoryLimitKb)}</dd></div>
      <div><dt>Tests</dt><dd>{p.testCount}</dd></div>
    </dl>
  );
}

type Run = { kind: 'custom'; id: string } | { kind: 'samples'; ids: Array<{ id: string; index: number }> };

function Workspace({ problem }: { problem: Problem }) {
  const dark = useDark();
  const signedIn = !!useSession();
  const queryClient = useQueryClient();
  const languages = useLanguages();
  const offered = useMemo(() => (languages.data ?? []).map((l) => l.id as string), [languages.data]);
  const [language, setLanguage] = useState<string | undefined>();
  const [code, setCode] = useState('');
  // Interactive problems: a sample's input is the judge's (validator's) data, not the program's;
  // Run feeds the program typed input instead, by default what the judge says in the first sample.
  const interactive = problem.checker.type === 'interactive';
  const [customChosen, setUseCustom] = useState(false);
  const useCustom = customChosen || interactive;
  const [input, setInput] = useState(() => codeStore.loadInput(problem.id) || (interactive ? judgeLines(problem.samples[0]?.interaction) : problem.samples[0]?.input) || '');
  const [submissionId, setSubmissionId] = useState<string>();
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // The language: remembered, else one with a template, else the first offered.
  useEffect(() => {
    if (!language && offered.length) setLanguage(pickLanguage(offered, codeStore.loadLanguage(), problem.templates));
  }, [offered, language, problem.templates]);
  // The code: what was left for this problem and language, else its template.
  useEffect(() => {
    if (language) setCode(codeStore.loadCode(problem.id, language) ?? problem.templates?.[language] ?? '');
  }, [language, problem.id, problem.templates]);

  const onCode = useCallback((c: string) => {
    setCode(c);
    if (language) codeStore.saveCode(problem.id, language, c === (problem.templates?.[language] ?? '') ? '' : c);
  }, [language, problem.id, problem.templates]);

  const post = async (body: Record<string, unknown>) => {
    const r = await unwrap(api.POST('/api/v1/submissions', { body: { language: language! as Submission['language'], sourceCode: code, ...body } }));
    codeStore.saveSubmissionSource(r.id, language!, code);
    return r.id;
  };
  const guard = async (f: () => Promise<void>) => {
    setError(undefined);
    if (!code.trim()) return setError('Write some code first.');
    setBusy(true);
    try {
      await f();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'Sign in to run and submit code.' : e.message);
    } finally {
      setBusy(false);
    }
  };
  const submit = () => guard(async () => {
    setSubmissionId(await post({ problemId: problem.id }));
  });
  const runCode = () => guard(async () => {
    if (useCustom || !problem.samples.length) {
      codeStore.saveInput(problem.id, input);
      setRun({ kind: 'custom', id: await post({ stdin: input }) });
    } else {
      const ids = [];
      for (const s of problem.samples) ids.push({ id: await post({ stdin: s.input, expectedOutput: s.output }), index: s.index });
      setRun({ kind: 'samples', ids });
    }
  });

  // Ctrl/Cmd+Enter submits from anywhere on the page (the editor has its own binding too).
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
        e.preventDefault();
        void submitRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onFinished = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['history', problem.id] });
    void queryClient.invalidateQueries({ queryKey: ['solved'] });
  }, [queryClient, problem.id]);

  return (
    <div className="workspace">
      <article className="problem">
        <h1>{problem.title}</h1>
        <Limits p={problem} />
        <Statement text={problem.statement} title={problem.title} />
        <Samples samples={problem.samples} />
      </article>
      <section className="solve" aria-label="Solve">
        <div className="row">
          <label className="inline">Language
            <select value={language ?? ''} onChange={(e) => { setLanguage(e.target.value); codeStore.saveLanguage(e.target.value); }}>
              {(languages.data ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </label>
          {language && problem.templates?.[language] !== undefined ? (
            <button type="button" className="ghost" onClick={() => onCode(problem.templates![language])}>Reset to template</button>
          ) : null}
        </div>
        {language ? <Editor value={code} language={language} dark={dark} onChange={onCode} onSubmit={() => void submitRef.current()} /> : <p>Loading languages…</p>}
        <div className="row">
          {interactive
            ? <small className="muted">Interactive problem: Run gives your program the input below in one go; Submit talks with the judge.</small>
            : <label className="inline check"><input type="checkbox" checked={useCustom} onChange={(e) => setUseCustom(e.target.checked)} /> Run on custom input</label>}
        </div>
        {useCustom ? (
          <label className="block">Custom input
            <textarea rows={4} value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} />
          </label>
        ) : null}
        <div className="row actions">
          <button type="button" onClick={runCode} disabled={busy || !language}>Run</button>
          <button type="button" className="primary" onClick={submit} disabled={busy || !language} aria-keyshortcuts="Control+Enter Meta+Enter">Submit</button>
          <small className="muted">Ctrl/⌘+Enter submits</small>
        </div>
        {error ? <p role="alert" className="error">{error}{!signedIn ? <> <Link to="/signin" state={{ from: `/problems/${problem.id}` }}>Sign in</Link></> : null}</p> : null}
        {run ? <RunResults run={run} problem={problem} /> : null}
        {submissionId ? <LiveResult id={submissionId} problem={problem} onFinished={onFinished} /> : null}
        <SubmissionHistory problemId={problem.id} />
      </section>
    </div>
  );
}

/** A submission's live result: status, test rows, compiler output, failing samples, the beats chart. */
export function LiveResult({ id, problem, onFinished }: { id: string; problem?: Problem; onFinished?(): void }) {
  const { data, error } = useLiveSubmission(id);
  const finished = data?.status === 'finished';
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished, onFinished]);
  if (error && !data) return <p role="alert" className="error">{error}</p>;
  if (!data) return <div role="status" className="verdict pending">Queued</div>;
  return (
    <section className="result" aria-label="Result">
      <Verdict submission={data} />
      {data.compileOutput && data.verdict === 'CE' ? <CompileOutput output={data.compileOutput} /> : null}
      <TestRows submission={data} />
      <FailedSamples submission={data} problem={problem} />
      {finished && data.verdict === 'AC' && data.problemId && data.timeMs !== null && data.memoryKb !== null ? (
        <BeatsChart problemId={data.problemId} timeMs={data.timeMs} memoryKb={data.memoryKb} />
      ) : null}
    </section>
  );
}

/** Results of Run: on custom input its output; on the samples, each sample's verdict and expected vs got. */
function RunResults({ run, problem }: { run: Run; problem: Problem }) {
  return (
    <section className="run" aria-labelledby="run-h">
      <h2 id="run-h">Run</h2>
      {run.kind === 'custom' ? <CustomRun id={run.id} /> : run.ids.map((r, i) => (
        <SampleRun key={r.id} id={r.id} n={i + 1} sample={problem.samples.find((s) => s.index === r.index)!} />
      ))}
    </section>
  );
}

function CustomRun({ id }: { id: string }) {
  const { data, error } = useLiveSubmission(id);
  if (error && !data) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p>Queued</p>;
  const t = data.tests[0];
  const done = data.status === 'finished';
  return (
    <div>
      <p className="run-status">{done ? (data.verdict === 'AC' ? 'Finished' : verdictName(data.verdict)) : 'Running…'}
        {done && t ? ` · ${formatMs(t.timeMs)} · ${formatKiB(t.memoryKb)}` : ''}</p>
      {data.compileOutput && data.verdict === 'CE' ? <CompileOutput output={data.compileOutput} /> : null}
      {done && t ? (
        <div className="pair">
          <figure><figcaption>Output</figcaption><pre tabIndex={0} aria-label="Output">{t.stdout ?? ''}</pre></figure>
          {t.stderr ? <figure><figcaption>Error output</figcaption><pre tabIndex={0}>{t.stderr}</pre></figure> : null}
        </div>
      ) : null}
    </div>
  );
}

function SampleRun({ id, n, sample }: { id: string; n: number; sample: Problem['samples'][number] }) {
  const { data } = useLiveSubmission(id);
  const t = data?.tests[0];
  const done = data?.status === 'finished';
  const name = done ? verdictName(data!.verdict) : 'Running…';
  return (
    <div className="sample-run">
      <p>Sample {n}: <strong className={`v-${data?.verdict}`}>{name}</strong>{done && t ? ` · ${formatMs(t.timeMs)}` : ''}</p>
      {done && data!.verdict === 'CE' && n === 1 && data!.compileOutput ? <CompileOutput output={data!.compileOutput} /> : null}
      {done && data!.verdict !== 'AC' && data!.verdict !== 'CE' && t ? <SampleDiff title={`Sample ${n}: expected vs got`} expected={sample.output} got={t.stdout ?? ''} /> : null}
    </div>
  );
}

/** The lines an interaction's judge sends (`> …`), as a program's input. */
function judgeLines(interaction: string | undefined): string {
  return (interaction ?? '').split(/\r?\n/).filter((l) => l.startsWith('>')).map((l) => `${l.slice(1).trimStart()}\n`).join('');
}
