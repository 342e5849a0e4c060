import {
  BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse,
  ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { CreateProblemDto, ErrorDto, ProblemView, ProblemViewDto, Role } from '@app/contracts';
import { AuditService } from '../audit/audit.service';
import { CurrentIdentity, Public, Roles } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { ProblemsService } from './problems.service';

/** Largest package upload, bytes. */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  constructor(
    private readonly problems: ProblemsService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a problem (admins and setters). */
  @Post()
  @Roles(Role.Setter)
  @ApiCreatedResponse({ type: ProblemViewDto, description: 'The problem, without hidden test data' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The id is taken (PUT replaces)' })
  async create(@Body() dto: CreateProblemDto, @CurrentIdentity() actor: Identity): Promise<ProblemView> {
    const p = await this.problems.create(dto);
    await this.audit.record(actor, 'problem.create', 'problem', p.id, { title: p.title });
    return p;
  }

  /** Multipart field `package`: a zip in the ICPC / Kattis problem package format (admins and setters). */
  @Post('import')
  @Roles(Role.Setter)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { package: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'id', required: false, description: 'Problem id (slug); default: the package folder or file name' })
  @ApiQuery({ name: 'replace', required: false, enum: ['true', 'false'], description: 'Replace a problem with the same id' })
  @ApiCreatedResponse({ type: ProblemViewDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Not a valid package (the message names the file or field)' })
  @ApiConflictResponse({ type: ErrorDto })
  // To disk, not memory: the zip is then read lazily, a test at a time.
  @UseInterceptors(FileInterceptor('package', { dest: tmpdir(), limits: { fileSize: MAX_PACKAGE_BYTES, files: 1 } }))
  async import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('id') id: string | undefined,
    @Query('replace') replace: string | undefined,
    @CurrentIdentity() actor: Identity,
  ): Promise<ProblemView> {
    try {
      if (!file) throw new BadRequestException('package: multipart field "package" with a zip file is required');
      if (id !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new BadRequestException('id must be a slug: a-z, 0-9 and -');
      const p = await this.problems.importZip(file.path, file.originalname, id, replace === 'true');
      await this.audit.record(actor, 'problem.import', 'problem', p.id, { title: p.title, replace: replace === 'true' });
      return p;
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  @Get()
  @Public()
  @ApiOkResponse({ type: [ProblemViewDto] })
  list(): Promise<ProblemView[]> {
    return this.problems.list();
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: ProblemViewDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@Param('id') id: string): Promise<ProblemView> {
    return this.problems.get(id);
  }

  /** A zip of the problem as an ICPC / Kattis package, hidden tests included (admins and setters). */
  @Get(':id/export')
  @Roles(Role.Setter)
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The package (zip)', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorDto })
  async export(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const zip = await this.problems.export(id);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${id}.zip"`);
    zip.on('error', () => res.destroy());
    zip.pipe(res);
  }

  /** Creates or replaces a problem (admins and setters). */
  @Put(':id')
  @Roles(Role.Setter)
  @ApiOkResponse({ type: ProblemViewDto, description: 'Created or replaced' })
  @ApiBadRequestResponse({ type: ErrorDto })
  async replace(@Param('id') id: string, @Body() dto: CreateProblemDto, @CurrentIdentity() actor: Identity): Promise<ProblemView> {
    const p = await this.problems.replace(id, dto);
    await this.audit.record(actor, 'problem.replace', 'problem', p.id, { title: p.title });
    return p;
  }

  /** Deletes a problem (admins and setters). */
  @Delete(':id')
  @Roles(Role.Setter)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  async delete(@Param('id') id: string, @CurrentIdentity() actor: Identity): Promise<void> {
    await this.problems.delete(id);
    await this.audit.record(actor, 'problem.delete', 'problem', id);
  }
}
