import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateSubmissionDto, GetSubmissionQueryDto, SubmissionAccepted, SubmissionView } from '@app/contracts';
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  /** Queues a submission: `202 { id, status: "queued" }`. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Queued: `{ id, status: "queued" }`' })
  create(@Body() dto: CreateSubmissionDto): Promise<SubmissionAccepted> {
    return this.submissions.create(dto);
  }

  /** The submission; `?waitMs=N&after=<status>` long-polls for a change. */
  @Get(':id')
  @ApiOkResponse({ description: 'The submission with per-test results' })
  get(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a submission id (UUID)') })) id: string,
    @Query() query: GetSubmissionQueryDto,
  ): Promise<SubmissionView> {
    return this.submissions.get(id, query.waitMs ?? 0, query.after);
  }
}
