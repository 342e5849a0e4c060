// Per-language cost of judging hello world: compile time (CPU and wall) and run time (CPU and
// wall, as the judge measures them), through the judge's own registry and sandbox, with C as the
// baseline of the same command. Also checks that A+B, CE and RE come out right, so it doubles as
// a quick probe of a toolchain: `npm run bench:languages -- go kotlin` for some languages only.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LanguageId } from '@app/contracts';
import { compileLimitsOf } from '../apps/judge/src/compile/compiler';
import { Language, LanguageRegistry, limitsFor, PROGRAM_DIR } from '../apps/judge/src/languages/language.registry';
import { ProcessRunner } from '../apps/judge/src/process/process-runner';
import { SandboxService } from '../apps/judge/src/sandbox/sandbox.service';
import { RunLimits, RunResult } from '../apps/judge/src/sandbox/sandbox.types';
import { LANGUAGE_SAMPLES } from '../test/support/language-samples';

const work = mkdtempSync(join(tmpdir(), 'oj-bench-languages-'));
const config = { judgeBoxUid: 60000, judgeConcurrency: 1, judgeWorkDir: join(work, 'runtime') } as never;
const processes = new ProcessRunner();
const sandbox = new SandboxService(config, processes);
const registry = new LanguageRegistry(config, processes);
const RUNS = Number(process.env.RUNS ?? 5);

async function compile(l: Language, source: string): Promise<{ dir: string; file: string; r: RunResult | null }> {
  const dir = mkdtempSync(join(work, 'prog-'));
  chmodSync(dir, 0o777);
  const file = l.sourceFile(source);
  writeFileSync(join(dir, file), source);
  const r = l.compile ? await sandbox.run({ argv: l.compile(file, source), mounts: l.mounts, workDir: dir, env: l.env, limits: compileLimitsOf(l) }) : null;
  chmodSync(dir, 0o755);
  return { dir, file, r };
}

function run(l: Language, p: { dir: string; file: string }, source: string, stdin: string): Promise<RunResult> {
  return runWith(l, p, source, stdin, 262144);
}

async function runWith(l: Language, p: { dir: string; file: string }, source: string, stdin: string, memoryLimitKb: number): Promise<RunResult> {
  const input = join(work, `in-${Math.random().toString(36).slice(2)}`);
  writeFileSync(input, stdin);
  const limits = limitsFor(l, { timeLimitMs: 5000, wallTimeLimitMs: 10000, memoryLimitKb, outputLimitKb: 1024, processLimit: 64 });
  return sandbox.run({
    argv: l.run(p.file, limits.memoryLimitKb, source), mounts: [...l.mounts, { source: p.dir, target: PROGRAM_DIR }], stdinFile: input, env: l.env,
    limits: { cpuMs: limits.timeLimitMs, wallMs: limits.wallTimeLimitMs, memoryKb: limits.memoryLimitKb, outputKb: limits.outputLimitKb, processes: limits.processLimit, fileSizeKb: 65536 },
  });
}

const ok = (r: RunResult | null) => !r || (r.outcome === 'exited' && r.exitCode === 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (r: RunResult) => `${r.outcome}${r.exitCode !== null ? ` ${r.exitCode}` : ''}${r.signal ? ` ${r.signal}` : ''}: ${r.stderr.toString().trim().split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;

(async () => {
  await sandbox.onModuleInit();
  registry.onModuleInit();
  const wanted = process.argv.slice(2);
  const rows: { id: string; compileCpu: number; compileWall: number; runCpu: number; runWall: number; checks: string }[] = [];
  for (const info of registry.list()) {
    if (wanted.length && !wanted.includes(info.id)) continue;
    const l = registry.get(info.id as LanguageId)!;
    const s = LANGUAGE_SAMPLES[l.id];
    if (!s) continue;
    const compileCpu: number[] = [];
    const compileWall: number[] = [];
    let hello = await compile(l, s.hello);
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      if (i > 0) hello = await compile(l, s.hello);
      if (!ok(hello.r)) break;
      compileCpu.push(hello.r?.cpuMs ?? 0);
      compileWall.push(hello.r?.wallMs ?? 0);
    }
    const problems: string[] = [];
    if (!ok(hello.r)) problems.push(`hello does not compile: ${show(hello.r!)}`);
    const runCpu: number[] = [];
    const runWall: number[] = [];
    for (let i = 0; i < RUNS && ok(hello.r); i++) {
      const r = await run(l, hello, s.hello, '');
      if (!ok(r) || r.stdout.toString().trim() !== 'Hello, World!') {
        problems.push(`hello: ${show(r)} stdout ${JSON.stringify(r.stdout.toString().slice(0, 80))}`);
        break;
      }
      runCpu.push(r.cpuMs);
      runWall.push(r.wallMs);
    }
    const ab = await compile(l, s.aplusb);
    const abRun = ok(ab.r) ? await run(l, ab, s.aplusb, '2000000000 2000000000\n') : null;
    if (!abRun || abRun.stdout.toString().trim() !== '4000000000') problems.push(`aplusb: ${abRun ? `${show(abRun)} stdout ${JSON.stringify(abRun.stdout.toString().slice(0, 80))}` : show(ab.r!)}`);
    const ce = await compile(l, s.ce);
    const ceRun = ok(ce.r) ? await run(l, ce, s.ce, '') : null;
    const ceFound = !ok(ce.r) || (!!l.lazyCompileCheck && !!ceRun && !ok(ceRun) && l.lazyCompileCheck.looksLike(ceRun.stderr.toString()));
    if (!ceFound) problems.push(`ce: compiled and ran: ${ceRun ? show(ceRun) : ''}`);
    const re = await compile(l, s.re);
    const reRun = ok(re.r) ? await run(l, re, s.re, '') : null;
    if (!reRun || ok(reRun)) problems.push(`re: ${reRun ? show(reRun) : `does not compile: ${show(re.r!)}`}`);
    if (s.mle) {
      const mle = await compile(l, s.mle);
      const mleRun = ok(mle.r) ? await runWith(l, mle, s.mle, '', 65536) : null;
      const seen = mleRun && (mleRun.outcome === 'memory-limit' || mleRun.memoryLimitHit || (mleRun.outcome !== 'exited' || mleRun.exitCode !== 0) && !!l.outOfMemory?.test(mleRun.stderr.toString('latin1')));
      if (!seen) problems.push(`mle: ${mleRun ? `${show(mleRun)} memory ${mleRun.memoryKb}` : `does not compile: ${show(mle.r!)}`}`);
      else console.log(`  ${l.id} mle: ${mleRun!.outcome} hit=${mleRun!.memoryLimitHit} text=${!!l.outOfMemory?.test(mleRun!.stderr.toString('latin1'))} memory ${mleRun!.memoryKb} KiB`);
    }
    rows.push({ id: l.id, compileCpu: median(compileCpu) ?? NaN, compileWall: median(compileWall) ?? NaN, runCpu: median(runCpu) ?? NaN, runWall: median(runWall) ?? NaN, checks: problems.length ? problems.join('; ') : 'ok' });
    const row = rows[rows.length - 1];
    console.log(`${row.id.padEnd(11)} compile cpu ${String(row.compileCpu).padStart(6)} wall ${String(row.compileWall).padStart(6)}  run cpu ${String(row.runCpu).padStart(5)} wall ${String(row.runWall).padStart(5)}  ${row.checks}`);
  }
  const base = rows.find((r) => r.id === 'c');
  if (base) {
    console.log(`\nhello world, medians (compile of ${Math.min(RUNS, 3)}, run of ${RUNS}), ms; ratios against C (${base.runWall} ms wall per run):`);
    for (const r of rows) console.log(`  ${r.id.padEnd(11)} compile ${String(r.compileCpu).padStart(6)} ms CPU ${String(r.compileWall).padStart(6)} ms wall  run ${String(r.runCpu).padStart(4)} ms CPU ${String(r.runWall).padStart(5)} ms wall  (×${(r.runWall / base.runWall).toFixed(1)} C)`);
  }
  rmSync(work, { recursive: true, force: true });
  process.exit(rows.every((r) => r.checks === 'ok') ? 0 : 1);
})();
