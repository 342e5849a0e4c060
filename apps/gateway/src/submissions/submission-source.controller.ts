import { BadRequestException, Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ErrorDto, LANGUAGE_IDS, LanguageId, SubmissionFileDto } from '@app/contracts';
import { SubmissionsRepository } from '@app/persistence';
import { CurrentIdentity } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { SubmissionsService } from './submissions.service';

export class SubmissionSourceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LANGUAGE_IDS }) language: LanguageId;
  @ApiProperty({ description: 'the program as one file; empty for a submission of several files' }) sourceCode: string;
  @ApiPropertyOptional({ type: [SubmissionFileDto], description: 'submissions of several files: every file as sent (encoding always set)' })
  files?: SubmissionFileDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'submissions of several files: the entry point asked for (null: the language\'s rule)' })
  entryPoint?: string | null;
}

@ApiTags('submissions')
@Controller('submissions')
export class SubmissionSourceController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly repository: SubmissionsRepository,
  ) {}

  /**
   * The code of a submission (`sourceCode`, or `files` and `entryPoint`), for whoever may read the submission (its owner; admins any);
   * anyone else gets 404, as for `GET /api/v1/submissions/:id`.
   * @throws NotFoundException, BadRequestException for an id that is not a UUID.
   */
  @Get(':id/source')
  @ApiOkResponse({ type: SubmissionSourceDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async source(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a submission id (UUID)') })) id: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<SubmissionSourceDto> {
    // The ownership check is the submission's own (404 for anyone else).
    await this.submissions.get(id, 0, undefined, identity);
    const s = (await this.repository.findById(id))!;
    return { id: s.id, language: s.language, sourceCode: s.sourceCode, ...(s.files ? { files: s.files, entryPoint: s.entryPoint } : {}) };
  }
}
