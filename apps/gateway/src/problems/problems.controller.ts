import {
  BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UploadedFile, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CreateProblemDto, ProblemView } from '@app/contracts';
import { ProblemsService } from './problems.service';

/** Largest package upload, bytes. */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Post()
  @ApiCreatedResponse({ description: 'The problem, without hidden test data' })
  create(@Body() dto: CreateProblemDto): Promise<ProblemView> {
    return this.problems.create(dto);
  }

  /** Multipart field `package`: a zip in the ICPC / Kattis problem package format. */
  @Post('import')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { package: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('package', { limits: { fileSize: MAX_PACKAGE_BYTES, files: 1 } }))
  import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('id') id?: string,
    @Query('replace') replace?: string,
  ): Promise<ProblemView> {
    if (!file) throw new BadRequestException('package: multipart field "package" with a zip file is required');
    if (id !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new BadRequestException('id must be a slug: a-z, 0-9 and -');
    return this.problems.importZip(file.buffer, file.originalname, id, replace === 'true');
  }

  @Get()
  list(): Promise<ProblemView[]> {
    return this.problems.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ProblemView> {
    return this.problems.get(id);
  }

  @Put(':id')
  replace(@Param('id') id: string, @Body() dto: CreateProblemDto): Promise<ProblemView> {
    return this.problems.replace(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string): Promise<void> {
    return this.problems.delete(id);
  }
}
