import {
  BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse,
  ApiNotFoundResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateProblemDto, ErrorDto, ImportProblemQueryDto, MethodSignatureDto, ParamDto, ProblemView, ProblemViewDto, Role } from '@app/contracts';
import { AuditService } from '../audit/audit.service';
import { CurrentIdentity, Public, Roles } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { ProblemsService } from './problems.service';
import { PACKAGE_FIELD, PackageUploadInterceptor, UploadedPackage, UploadedPackageFile } from './package-upload';
import { SignatureBody, SignatureFields, SignatureFieldsInterceptor } from './signature-body';

/** A function problem's `function` / `class` as the body held them (see signature-body.ts); `ProblemsService` checks them. */
function withSignature(dto: CreateProblemDto, signature: SignatureFields): CreateProblemDto {
  if (signature.function != null) dto.function = signature.function as CreateProblemDto['function'];
  if (signature.class != null) dto.class = signature.class as CreateProblemDto['class'];
  return dto;
}

@ApiTags('problems')
@ApiExtraModels(ParamDto, MethodSignatureDto)
@Controller('problems')
@UseInterceptors(SignatureFieldsInterceptor)
export class ProblemsController {
  constructor(
    private readonly problems: ProblemsService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a problem (admins and setters). */
  @Post()
  @Roles(Role.Setter)
  @ApiCreatedResponse({ type: ProblemViewDto, description: 'The problem, without hidden test data' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A field is invalid (named in the message), an unknown field, malformed JSON, or a body nested deeper than MAX_BODY_DEPTH' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'Body over MAX_BODY_BYTES' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The id is taken (PUT replaces)' })
  async create(@Body() dto: CreateProblemDto, @SignatureBody() signature: SignatureFields, @CurrentIdentity() actor: Identity): Promise<ProblemView> {
    const p = await this.problems.create(withSignature(dto, signature));
    await this.audit.record(actor, 'problem.create', 'problem', p.id, { title: p.title });
    return p;
  }

  /** Multipart field `package`: a zip in the ICPC / Kattis problem package format (admins and setters). */
  @Post('import')
  @Roles(Role.Setter)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { package: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ProblemViewDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Not a valid package (the message names the file or field), or a hostile one: a zip bomb (PACKAGE_MAX_UNPACKED_BYTES, '
      + 'PACKAGE_MAX_FILE_BYTES, PACKAGE_MAX_RATIO, counted on the bytes inflated; overlapping entries), too many entries (PACKAGE_MAX_ENTRIES), an entry or '
      + 'symbolic link leaving the package; the message names the entry and the cap',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'Upload over 256 MiB' })
  @ApiConflictResponse({ type: ErrorDto })
  // To disk, not memory (package-upload.ts); removed once answered.
  @UseInterceptors(PackageUploadInterceptor)
  async import(
    @UploadedPackage() file: UploadedPackageFile | undefined,
    @Query() query: ImportProblemQueryDto,
    @CurrentIdentity() actor: Identity,
  ): Promise<ProblemView> {
    if (!file) throw new BadRequestException(`${PACKAGE_FIELD}: multipart field "${PACKAGE_FIELD}" with a zip file is required`);
    const p = await this.problems.importZip(file.path, file.filename, query.id, query.replace === 'true');
    await this.audit.record(actor, 'problem.import', 'problem', p.id, { title: p.title, replace: query.replace === 'true' });
    return p;
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
  async export(@Param('id') id: string, @Res() res: FastifyReply): Promise<void> {
    const zip = await this.problems.export(id);
    // Fastify ends the answer when the stream errors (the client sees a cut-off zip).
    await res.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${id}.zip"`).send(zip);
  }

  /** Creates or replaces a problem (admins and setters). */
  @Put(':id')
  @Roles(Role.Setter)
  @ApiOkResponse({ type: ProblemViewDto, description: 'Created or replaced' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A field is invalid (named in the message), an unknown field, malformed JSON, or a body nested deeper than MAX_BODY_DEPTH' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'Body over MAX_BODY_BYTES' })
  async replace(
    @Param('id') id: string, @Body() dto: CreateProblemDto, @SignatureBody() signature: SignatureFields, @CurrentIdentity() actor: Identity,
  ): Promise<ProblemView> {
    const p = await this.problems.replace(id, withSignature(dto, signature));
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
