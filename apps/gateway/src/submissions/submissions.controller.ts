import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CreateSubmissionDto, ErrorDto, GetSubmissionQueryDto, ListSubmissionsQueryDto, SubmissionAccepted, SubmissionAcceptedDto, SubmissionPageDto,
  SubmissionView, SubmissionViewDto,
} from '@app/contracts';
import { CurrentIdentity } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { SubmissionsService } from './submissions.service';

/** `Idempotency-Key`: 1-200 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('submissions')
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  /**
   * Queues a submission: `202 { id, status: "queued" }`. With `Idempotency-Key`, a retry with the
   * same key (same identity, within 24 h) answers the first submission's id again, with the
   * header `Idempotent-Replayed: true`, and creates nothing.
   */
  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'any 1-200 visible ASCII characters; a retry with the same key within 24 h returns the first submission' })
  @ApiAcceptedResponse({ type: SubmissionAcceptedDto, description: 'Queued' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A field is invalid (named in the message), an unknown field, malformed JSON, or a body nested deeper than MAX_BODY_DEPTH' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'Body over MAX_BODY_BYTES' })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'No problem with that problemId' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Rate limit, or MAX_QUEUED_PER_USER unfinished submissions already' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Idempotency-Key: the first request with this key is still being processed; retry with the same key' })
  async create(
    @Body() dto: CreateSubmissionDto,
    @CurrentIdentity() identity: Identity,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SubmissionAccepted> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key must be 1-200 visible ASCII characters');
    }
    const { replayed, ...accepted } = await this.submissions.create(dto, identity, idempotencyKey);
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return accepted;
  }

  /** The caller's submissions (an admin's: everyone's, or `userId`'s), newest first, with filters and cursor pagination. */
  @Get()
  @ApiOkResponse({ type: SubmissionPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  list(@Query() query: ListSubmissionsQueryDto, @CurrentIdentity() identity: Identity): Promise<SubmissionPageDto> {
    return this.submissions.list(query, identity);
  }

  /** The submission (the owner's or, for admins, any: someone else's is 404); `?waitMs=N&after=<status>` long-polls for a change. */
  @Get(':id')
  @ApiOkResponse({ type: SubmissionViewDto, description: 'The submission with per-test results' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a submission id (UUID)') })) id: string,
    @Query() query: GetSubmissionQueryDto,
    @CurrentIdentity() identity: Identity,
  ): Promise<SubmissionView> {
    return this.submissions.get(id, query.waitMs ?? 0, query.after, identity);
  }
}
