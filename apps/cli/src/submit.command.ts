import { Command, Option } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { SubmissionView } from '@app/contracts';
import { LANGUAGE_IDS, languageForFile } from '@app/contracts/language';
import { ApiClient, ApiError, ConnectionError, SubmissionRequest, WatchTimeoutError } from './api-client';
import { describeProgress, formatTable, progressBar, progressOf, testTableRows, VERDICT_NAMES } from './display';

/** Exit codes: 0 accepted, 1 any other verdict (or gave up waiting), 2 usage or connection error. */
export const EXIT = { accepted: 0, notAccepted: 1, usage: 2 } as const;

/** A usage or connection problem: printed as `submit: <message>`, exit 2. */
export class UsageError extends Error {}

interface SubmitOptions {
  problem?: string;
  language?: string;
  stdin?: string;
  expected?: string;
  url: string;
  token?: string;
  timeout: number;
  json: boolean;
  template?: string;
  entry?: string;
}

function readText(file: string, what: string): string {
  let isDir = false;
  try {
    isDir = statSync(file).isDirectory();
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (isDir) throw new UsageError(`${what} ${file} is a folder`);
  return readFileSync(file, 'utf8');
}

/**
 * Several files as `files[]`: paths relative to the folder holding them all (`src/a.c src/lib/b.h`
 * → `a.c`, `lib/b.h`); text that is valid UTF-8 without NUL goes as is, anything else as base64.
 * `entry` (a file given) becomes `entryPoint`.
 */
export function filesBody(paths: string[], entry: string | undefined): Pick<SubmissionRequest, 'files' | 'entryPoint'> {
  const full = paths.map((p) => resolve(p));
  let root = dirname(full[0]);
  while (!full.every((p) => p.startsWith(root === sep ? root : root + sep))) root = dirname(root);
  const rel = (p: string) => relative(root, resolve(p)).split(sep).join('/');
  const files = paths.map((p) => {
    readText(p, 'source file');
    const bytes = readFileSync(p);
    const text = bytes.toString('utf8');
    const plain = !bytes.includes(0) && Buffer.from(text, 'utf8').equals(bytes);
    return plain ? { path: rel(p), content: text } : { path: rel(p), content: bytes.toString('base64'), encoding: 'base64' as const };
  });
  if (entry === undefined) return { files };
  const entryPoint = rel(entry);
  if (!files.some((f) => f.path === entryPoint)) throw new UsageError(`--entry ${entry} is not one of the files given`);
  return { files, entryPoint };
}

/** `submit <file>`: submits a source file, follows it live and prints the verdict and a per-test table. */
export function submitCommand(): Command {
  return new Command('submit')
    .description('submit a source file and follow it to its verdict')
    .argument('[files...]', `source file (or several: a program of several files); the language comes from the extension of the first (or --entry) (${LANGUAGE_IDS.join(', ')})`)
    .option('-p, --problem <id>', 'problem id (see GET /api/v1/problems); without it, an ad-hoc run on --stdin')
    .addOption(new Option('-l, --language <id>', 'language, overriding the extension').choices([...LANGUAGE_IDS]))
    .option('--stdin <file>', 'input of an ad-hoc run (no --problem); - for standard input')
    .option('--expected <file>', 'expected output of an ad-hoc run (checked like the default validator)')
    .addOption(new Option('--url <url>', 'gateway').env('JUDGE_URL').default('http://127.0.0.1:3000'))
    .addOption(new Option('--token <token>', 'sent as Authorization: Bearer <token>').env('JUDGE_TOKEN'))
    .addOption(new Option('--timeout <s>', 'give up waiting after this many seconds').default(300).argParser((v) => {
      const n = Number(v);
      if (!(n > 0)) throw new UsageError('--timeout must be a positive number of seconds');
      return n;
    }))
    .option('--json', 'print the final submission as JSON on stdout (progress on stderr if a terminal)', false)
    .option('--entry <file>', 'with several files: the one to run (default: the language\'s rule, e.g. main.py, the file with main)')
    .option('--template <problem>', "print a function problem's starting code in --language, then exit (no file)")
    .addHelpText('after', '\nExit code: 0 accepted, 1 any other verdict, 2 usage or connection error.')
    .action(async (files: string[], opts: SubmitOptions) => {
      if (opts.template !== undefined) {
        if (files.length) throw new UsageError('--template takes no source file');
        process.exitCode = await printTemplate(opts.template, opts);
        return;
      }
      if (!files.length) throw new UsageError('a source file is required (or --template <problem> --language <id>)');
      if (opts.entry !== undefined && files.length === 1) throw new UsageError('--entry is for several files');
      process.exitCode = await submit(files, opts);
    });
}

/** Prints a function problem's starting code in one language (`templates` of GET /api/v1/problems/:id). */
async function printTemplate(problemId: string, opts: SubmitOptions): Promise<number> {
  if (!opts.language) throw new UsageError('--template needs --language');
  let problem: { templates?: Record<string, string> };
  try {
    problem = await new ApiClient(opts.url, { token: opts.token }).problem(problemId);
  } catch (e) {
    throw new UsageError(e instanceof ApiError ? `no problem ${problemId} (${e.message})` : (e as Error).message);
  }
  if (!problem.templates) throw new UsageError(`${problemId} is not a function problem: it takes a whole program`);
  const code = problem.templates[opts.language];
  if (code === undefined) throw new UsageError(`no template in ${opts.language}; there are: ${Object.keys(problem.templates).join(', ')}`);
  process.stdout.write(code.endsWith('\n') ? code : `${code}\n`);
  return EXIT.accepted;
}

async function submit(files: string[], opts: SubmitOptions): Promise<number> {
  if (!opts.problem && opts.stdin === undefined) throw new UsageError('--problem is required (or --stdin for an ad-hoc run)');
  const file = opts.entry ?? files.find((f) => languageForFile(f)) ?? files[0];
  const language = opts.language ?? languageForFile(file);
  if (!language) throw new UsageError(`cannot tell the language of ${file} from its extension: give --language (${LANGUAGE_IDS.join(', ')})`);
  let body: SubmissionRequest;
  if (files.length === 1) {
    const sourceCode = readText(file, 'source file');
    if (sourceCode.trim() === '') throw new UsageError(`${file} is empty`);
    body = { language, sourceCode };
  } else {
    body = { language, ...filesBody(files, opts.entry) };
  }
  if (opts.problem) body.problemId = opts.problem;
  if (opts.stdin !== undefined) body.stdin = opts.stdin === '-' ? readFileSync(0, 'utf8') : readText(opts.stdin, 'stdin file');
  if (opts.expected !== undefined) body.expectedOutput = readText(opts.expected, 'expected output file');

  let client: ApiClient;
  try {
    client = new ApiClient(opts.url, { token: opts.token });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  // Progress: stderr with --json (stdout is for the JSON), else stdout; redrawn in place on a terminal.
  const out = opts.json ? process.stderr : process.stdout;
  const live = !!out.isTTY;
  const showProgress = !opts.json || live;
  let lastLine = '';
  let drawn = false;
  const clearLine = () => {
    if (live && drawn) out.write('\r\x1b[2K');
    drawn = false;
  };
  const render = (view: SubmissionView) => {
    if (!showProgress) return;
    const { done, total } = progressOf(view);
    const line = view.status === 'finished' ? '' : `${progressBar(done, total)} ${describeProgress(view)}`;
    if (live) {
      if (line === '') clearLine();
      else {
        out.write(`\r\x1b[2K${line.slice(0, out.columns ? out.columns - 1 : 200)}`);
        drawn = true;
      }
    } else if (line !== '' && line !== lastLine) out.write(`${line}\n`);
    if (line !== '') lastLine = line;
  };
  process.on('SIGINT', () => {
    clearLine();
    process.stderr.write('submit: interrupted (the submission keeps being judged on the server)\n');
    process.exit(130);
  });

  let id: string;
  try {
    ({ id } = await client.submit(body));
  } catch (e) {
    if (e instanceof ApiError) throw new UsageError(`the gateway refused the submission: ${(e.body as { message?: string })?.message ?? e.message}`);
    throw new UsageError((e as Error).message);
  }
  if (showProgress && !live) out.write(`submitted ${id} (${opts.problem ?? 'ad-hoc run'}, ${language})\n`);

  let final: SubmissionView;
  try {
    final = await client.watch(id, render, { timeoutMs: opts.timeout * 1000 });
  } catch (e) {
    clearLine();
    if (e instanceof WatchTimeoutError) {
      process.stderr.write(`submit: ${e.message} (last state: ${e.last ? describeProgress(e.last) : 'unknown'}); see GET ${client.apiUrl}/submissions/${id}\n`);
      return EXIT.notAccepted;
    }
    throw new UsageError(`lost the submission ${id}: ${(e as Error).message}`);
  }
  clearLine();
  const accepted = final.verdict === 'AC' ? EXIT.accepted : EXIT.notAccepted;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(final, null, 2)}\n`);
    return accepted;
  }
  printResult(final);
  return accepted;
}

function printResult(final: SubmissionView): void {
  const p = (s = '') => process.stdout.write(`${s}\n`);
  const verdict = final.verdict ?? '?';
  const name = VERDICT_NAMES[verdict as keyof typeof VERDICT_NAMES];
  p(`submission ${final.id}  ${final.problemId ?? 'ad-hoc'}  ${final.language}`);
  p(`verdict: ${verdict}${name ? ` (${name})` : ''}   score: ${final.score ?? '-'}   time: ${final.timeMs ?? '-'} ms   memory: ${final.memoryKb ?? '-'} KiB`);
  if (final.compileOutput && (verdict === 'CE' || verdict === 'IE')) {
    p();
    p(verdict === 'CE' ? 'compiler output:' : 'message:');
    p(final.compileOutput.replace(/^/gm, '  '));
  }
  const rows = testTableRows(final);
  const nothingRan = (final.tests ?? []).every((t) => !t || t.skipped || !t.verdict);
  if (nothingRan && (verdict === 'CE' || verdict === 'IE')) {
    p();
    p(`tests: none run (${final.testCount ?? rows.length - 1} skipped)`);
  } else if (rows.length > 1) {
    p();
    p(formatTable(rows, ['r', 'l', 'l', 'r', 'r', 'r', 'l']));
  }
  if (!final.problemId) {
    const t = final.tests?.[0];
    for (const [label, text] of [['stdout', t?.stdout], ['stderr', t?.stderr]] as const) {
      if (!text) continue;
      p();
      p(`${label}:`);
      p(text.replace(/\n$/, ''));
    }
  }
}
