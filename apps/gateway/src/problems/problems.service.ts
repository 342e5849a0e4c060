import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppConfig } from '@app/config';
import { CheckerDto, CreateProblemDto, ProblemView, submissionFilesProblem } from '@app/contracts';
import { ProblemExistsError, ProblemsRepository } from '@app/persistence';
import { describeValidationErrors } from '../common/validation';
import { checkFunctionTest, functionSpecOf } from './function-problem';
import { ProblemCache } from './problem-cache';
import { directoryFiles, PackageFiles, zipFiles } from './package/package-files';
import { PackageProblem, readProblemPackage, slugify } from './package/kattis-package.parser';
import { writeProblemPackage } from './package/kattis-package.writer';

/** Caps on a checker's or validator's files (`checker.files`). */
export const CHECKER_FILE_CAPS = { maxFiles: 100, maxFileBytes: 1 << 20, maxTotalBytes: 4 << 20 };

/**
 * Why a checker's program cannot be accepted (`checker.files.2.path: …`, both or neither of
 * `source` and `files` for a custom or interactive checker), or null.
 */
export function checkerProblem(c: CheckerDto | undefined): string | null {
  if (!c || (c.type !== 'custom' && c.type !== 'interactive')) return null;
  if (c.files && c.source !== undefined) return 'checker: give source or files, not both';
  if (!c.files) return c.source ? (c.entryPoint === undefined ? null : 'checker.entryPoint: only with files') : 'checker.source: a custom checker or validator needs its source (or files)';
  const p = submissionFilesProblem(c.files, c.entryPoint, CHECKER_FILE_CAPS);
  return p && `checker.${p.replace(/ \(SUBMISSION_MAX_\w+\)/, '')}`;
}

@Injectable()
export class ProblemsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProblemsService.name);

  constructor(
    private readonly problems: ProblemsRepository,
    private readonly config: AppConfig,
    private readonly cache: ProblemCache,
  ) {}

  /**
   * Saves and refreshes the cache entry.
   * @throws BadRequestException for a function problem whose signature or test data is invalid.
   */
  private async save(dto: CreateProblemDto, onlyIfNew = false): Promise<ProblemView> {
    const bad = checkerProblem(dto.checker);
    if (bad) throw new BadRequestException(bad);
    const spec = functionSpecOf(dto);
    if (spec) dto.tests.forEach((t, i) => checkFunctionTest(spec, i, t.input, t.output));
    const view = await this.problems.save(dto, undefined, { onlyIfNew });
    await this.cache.written(dto.id, view);
    return view;
  }

  /** @throws ConflictException when the id is taken. */
  async create(dto: CreateProblemDto): Promise<ProblemView> {
    const taken = () => new ConflictException(`id: problem "${dto.id}" already exists (PUT /api/v1/problems/${dto.id} replaces it)`);
    if (await this.problems.exists(dto.id)) throw taken();
    // Checked again inside the save's transaction (another creation may be saving meanwhile).
    return this.save(dto, true).catch((e) => { throw e instanceof ProblemExistsError ? taken() : e; });
  }

  /** Creates or replaces. @throws BadRequestException when the body's id differs from the path's. */
  async replace(id: string, dto: CreateProblemDto): Promise<ProblemView> {
    if (dto.id !== id) throw new BadRequestException(`id: body id "${dto.id}" differs from the path's "${id}"`);
    return this.save(dto);
  }

  async get(id: string): Promise<ProblemView> {
    const p = await this.cache.get(id, () => this.problems.findView(id));
    if (!p) throw new NotFoundException(`no problem ${id}`);
    return p;
  }

  list(): Promise<ProblemView[]> {
    return this.cache.list(() => this.problems.list());
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.problems.delete(id);
    await this.cache.written(id, null);
    if (!deleted) throw new NotFoundException(`no problem ${id}`);
  }

  /**
   * Imports an ICPC / Kattis package from a zip file on disk (`zipPath`; the caller removes it).
   * `id` defaults to the slug of the zip's top folder or file name. Test data is read from the
   * zip one test at a time while it is stored, under the caps of `PACKAGE_MAX_*` (AppConfig
   * `packageLimits`: bytes inflated in all and per file, entries, compression ratio).
   * @throws BadRequestException for a malformed or hostile package (a zip bomb, an entry or link
   * leaving the package, too many entries, an oversized file), naming the entry and the cap,
   * ConflictException when the id is taken and `replace` is false.
   */
  async importZip(zipPath: string, fileName: string, id?: string, replace = false): Promise<ProblemView> {
    let files: PackageFiles;
    try {
      files = await zipFiles(zipPath, this.config.packageLimits);
    } catch (e) {
      throw new BadRequestException(`package: ${(e as Error).message}`);
    }
    try {
      // Without a top folder the container names the package after the file it read: here a temporary one, so the uploaded name is used.
      const named = files.name !== undefined && files.name !== basename(zipPath).replace(/\.(zip|kpp)$/i, '') ? files.name : undefined;
      let problemId = id;
      try {
        problemId ??= slugify(named ?? basename(fileName).replace(/\.(zip|kpp)$/i, ''));
      } catch (e) {
        throw new BadRequestException(`package: ${(e as Error).message}; name the problem with ?id=`);
      }
      const problem = await this.parse(files, problemId);
      if (!replace && (await this.problems.exists(problem.id))) throw new ConflictException(`id: problem "${problem.id}" already exists (add ?replace=true)`);
      return await this.savePackage(problem, !replace);
    } finally {
      await files.close?.();
    }
  }

  /**
   * The problem as an ICPC / Kattis package (zip stream), hidden tests included (the controller
   * lets admins and setters only).
   * @throws NotFoundException.
   */
  async export(id: string): Promise<NodeJS.ReadableStream> {
    const problem = await this.problems.findOne(id);
    if (!problem) throw new NotFoundException(`no problem ${id}`);
    const tests = await this.problems.listTests(id);
    return writeProblemPackage(problem, tests, (index) => this.problems.findTest(id, index)).outputStream;
  }

  /** Parses a package and validates everything but the test data (checked as it is stored). */
  private async parse(files: PackageFiles, id: string): Promise<PackageProblem> {
    let parsed: PackageProblem;
    try {
      parsed = await readProblemPackage(files, { id });
    } catch (e) {
      throw new BadRequestException(`package: ${(e as Error).message}`);
    }
    // The same rules as a JSON body, with each test's data left out (empty) for now.
    const shape = plainToInstance(CreateProblemDto, { ...parsed, tests: parsed.tests.map(({ read: _read, ...t }) => ({ ...t, input: '', output: '' })) });
    const errors = await validate(shape);
    if (errors.length) throw new BadRequestException(`package: ${describeValidationErrors(errors).join('; ')}`);
    const bad = checkerProblem(parsed.checker);
    if (bad) throw new BadRequestException(`package: ${bad}`);
    functionSpecOf(parsed, 'package: function.yaml: ');
    return parsed;
  }

  /** Stores a parsed package, reading and checking its tests one by one. */
  private async savePackage(problem: PackageProblem, onlyIfNew = false): Promise<ProblemView> {
    let view: ProblemView;
    const spec = functionSpecOf(problem, 'package: function.yaml: ');
    try {
      view = await this.problems.save(problem, (i, data) => {
        for (const [field, text] of Object.entries(data)) {
          if (text.includes('\u0000')) throw new BadRequestException(`package: tests.${i}.${field} must not contain NUL characters (\\u0000)`);
        }
        if (spec) checkFunctionTest(spec, i, data.input, data.output, 'package: ');
      }, { onlyIfNew });
    } catch (e) {
      if (e instanceof ProblemExistsError) throw new ConflictException(`id: problem "${problem.id}" already exists (add ?replace=true)`);
      if (e instanceof BadRequestException) throw e;
      if ((e as Error).name === 'PackageError') throw new BadRequestException(`package: ${(e as Error).message}`);
      throw e;
    }
    await this.cache.written(problem.id, view);
    return view;
  }

  /** Imports every package in `PROBLEMS_DIRS` whose id is not in the database yet. */
  async onApplicationBootstrap(): Promise<void> {
    for (const dir of this.config.problemsDirs) {
      if (!existsSync(dir)) {
        this.logger.warn(`problem folder ${dir} does not exist`);
        continue;
      }
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (!existsSync(join(path, 'problem.yaml'))) continue;
        const id = slugify(name);
        if (await this.problems.exists(id)) continue;
        try {
          const files = directoryFiles(path);
          try {
            await this.savePackage(await this.parse(files, id));
          } finally {
            await files.close?.();
          }
          this.logger.log(`imported problem ${id} from ${path}`);
        } catch (e) {
          this.logger.error(`cannot import ${path}: ${(e as Error).message}`);
        }
      }
    }
  }
}
