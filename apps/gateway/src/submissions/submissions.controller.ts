import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CreateSubmissionDto, ErrorDto, GetSubmissionQueryDto, SubmissionAccepted, SubmissionAcceptedDto, SubmissionView, SubmissionViewDto } from '@app/contracts';
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  /** Queues a submission: `202 { id, status: "queued" }`. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SubmissionAcceptedDto, description: 'Queued' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A field is invalid (named in the message), an unknown field, malformed JSON, or a body nested deeper than MAX_BODY_DEPTH' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'Body over MAX_BODY_BYTES' })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'No problem with that problemId' })
  create(@Body() dto: CreateSubmissionDto): Promise<SubmissionAccepted> {
    return this.submissions.create(dto);
  }

  /** The submission; `?waitMs=N&after=<status>` long-polls for a change. */
  @Get(':id')
  @ApiOkResponse({ type: SubmissionViewDto, description: 'The submission with per-test results' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a submission id (UUID)') })) id: string,
    @Query() query: GetSubmissionQueryDto,
  ): Promise<SubmissionView> {
    return this.submissions.get(id, query.waitMs ?? 0, query.after);
  }
}
