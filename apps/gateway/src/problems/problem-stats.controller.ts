import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorDto, ProblemStatsQueryDto, ProblemStatsView, ProblemStatsViewDto } from '@app/contracts';
import { SubmissionsRepository } from '@app/persistence';
import { Public } from '../auth/auth.decorators';
import { distribution } from './problem-stats';
import { ProblemsService } from './problems.service';

@ApiTags('problems')
@Controller('problems')
export class ProblemStatsController {
  constructor(
    private readonly problems: ProblemsService,
    private readonly submissions: SubmissionsRepository,
  ) {}

  /**
   * Where accepted submissions to the problem fall in CPU time (ms) and peak memory (KiB):
   * aggregate numbers only, public like the problem. With `?timeMs=&memoryKb=`, the share of
   * accepted submissions each value beats (LeetCode's "beats N%").
   * @throws NotFoundException when the problem does not exist.
   */
  @Get(':id/stats')
  @Public()
  @ApiOkResponse({ type: ProblemStatsViewDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async stats(@Param('id') id: string, @Query() query: ProblemStatsQueryDto): Promise<ProblemStatsView> {
    await this.problems.get(id);
    const figures = await this.submissions.acceptedFigures(id);
    return {
      problemId: id,
      accepted: figures.length,
      timeMs: distribution(figures.map((f) => f.timeMs), query.timeMs),
      memoryKb: distribution(figures.map((f) => f.memoryKb), query.memoryKb),
    };
  }
}
