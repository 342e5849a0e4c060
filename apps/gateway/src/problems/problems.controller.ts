import {
  BadRequestException, Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiForbiddenResponse, ApiNoContentResponse,
  ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { CreateProblemDto, ErrorDto, MethodSignatureDto, ParamDto, ProblemView, ProblemViewDto } from '@app/contracts';
import { ProblemsService } from './problems.service';
import { SignatureBody, SignatureFields } from './signature-body';

/** A function problem's `function` / `class` as the body held them (see signature-body.ts); `ProblemsService` checks them. */
function withSignature(dto: CreateProblemDto, signature: SignatureFields): CreateProblemDto {
  if (signature.function != null) dto.function = signature.function as CreateProblemDto['function'];
  if (signature.class != null) dto.class = signature.class as CreateProblemDto['class'];
  return dto;
}

/** Largest package upload, bytes. */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

@ApiTags('problems')
@ApiExtraModels(ParamDto, MethodSignatureDto)
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Post()
  @ApiCreatedResponse({ type: ProblemViewDto, description: 'The problem, without hidden test data' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The id is taken (PUT replaces)' })
  create(@Body() dto: CreateProblemDto, @SignatureBody() signature: SignatureFields): Promise<ProblemView> {
    return this.problems.create(withSignature(dto, signature));
  }

  /** Multipart field `package`: a zip in the ICPC / Kattis problem package format. */
  @Post('import')
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
    @Query('id') id?: string,
    @Query('replace') replace?: string,
  ): Promise<ProblemView> {
    try {
      if (!file) throw new BadRequestException('package: multipart field "package" with a zip file is required');
      if (id !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new BadRequestException('id must be a slug: a-z, 0-9 and -');
      return await this.problems.importZip(file.path, file.originalname, id, replace === 'true');
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  @Get()
  @ApiOkResponse({ type: [ProblemViewDto] })
  list(): Promise<ProblemView[]> {
    return this.problems.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: ProblemViewDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@Param('id') id: string): Promise<ProblemView> {
    return this.problems.get(id);
  }

  /** A zip of the problem as an ICPC / Kattis package, hidden tests included: `Authorization: Bearer <ADMIN_TOKEN>`. */
  @Get(':id/export')
  @ApiBearerAuth()
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The package (zip)', schema: { type: 'string', format: 'binary' } })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'No or wrong admin token, or ADMIN_TOKEN not set' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async export(@Param('id') id: string, @Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const zip = await this.problems.export(id, /^Bearer (.+)$/i.exec(authorization ?? '')?.[1]);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${id}.zip"`);
    zip.on('error', () => res.destroy());
    zip.pipe(res);
  }

  @Put(':id')
  @ApiOkResponse({ type: ProblemViewDto, description: 'Created or replaced' })
  @ApiBadRequestResponse({ type: ErrorDto })
  replace(@Param('id') id: string, @Body() dto: CreateProblemDto, @SignatureBody() signature: SignatureFields): Promise<ProblemView> {
    return this.problems.replace(id, withSignature(dto, signature));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  delete(@Param('id') id: string): Promise<void> {
    return this.problems.delete(id);
  }
}
