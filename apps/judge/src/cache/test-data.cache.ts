import { Injectable, Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { ProblemEntity, ProblemsRepository } from '@app/persistence';

/** One test of a cached problem: its data as files on the judge's disk. */
export interface CachedTest {
  index: number;
  inputFile: string;
  answerFile: string;
  sample: boolean;
  points: number | null;
  group: string | null;
}

export interface CachedProblem {
  problem: ProblemEntity;
  tests: CachedTest[];
}

/**
 * Test data kept on the judge's disk, keyed by the problem's version (a hash of its limits,
 * checker and data): a judge reads a problem's tests from the database once, not once per
 * submission, and a changed problem has a new version and is read again. Judges sharing a
 * machine share the folder; a finished copy appears by an atomic rename.
 */
@Injectable()
export class TestDataCache {
  private readonly logger = new Logger(TestDataCache.name);
  private readonly loading = new Map<string, Promise<CachedTest[]>>();
  /** Test database reads, for `judge.status` and the tests. */
  fetches = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly problems: ProblemsRepository,
  ) {}

  private get root(): string {
    return join(this.config.judgeWorkDir, 'cache', 'tests');
  }

  /** The problem and its tests as files; null when the problem does not exist. */
  async get(problemId: string): Promise<CachedProblem | null> {
    const problem = await this.problems.findOne(problemId);
    if (!problem) return null;
    const key = `${problem.id}-${problem.version}`;
    let tests = this.loading.get(key);
    if (!tests) {
      tests = this.load(problem, join(this.root, key));
      this.loading.set(key, tests);
      tests.catch(() => this.loading.delete(key));
    }
    return { problem, tests: await tests };
  }

  private async load(problem: ProblemEntity, dir: string): Promise<CachedTest[]> {
    const manifest = join(dir, 'manifest.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as CachedTest[];
    // One test at a time: a problem with hundreds of MB of data is never whole in memory.
    this.fetches++;
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(tmp, { recursive: true });
    const tests: CachedTest[] = [];
    try {
      for (let index = 1; index <= problem.testCount; index++) {
        const t = await this.problems.findTest(problem.id, index);
        if (!t) throw new Error(`problem ${problem.id} changed while its tests were read; try again`);
        writeFileSync(join(tmp, `${index}.in`), t.input);
        writeFileSync(join(tmp, `${index}.ans`), t.output);
        tests.push({ index, inputFile: join(dir, `${index}.in`), answerFile: join(dir, `${index}.ans`), sample: t.sample, points: t.points, group: t.group });
      }
      if ((await this.problems.findOne(problem.id))?.version !== problem.version) throw new Error(`problem ${problem.id} changed while its tests were read; try again`);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(tests));
    try {
      renameSync(tmp, dir);
      this.logger.log(`cached ${tests.length} tests of ${problem.id} (version ${problem.version.slice(0, 12)})`);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another judge on this machine was faster
    }
    return tests;
  }
}
