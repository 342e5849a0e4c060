import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** One bar of a histogram: values in [from, to) (the last bar includes `to`). */
export interface HistogramBucket {
  from: number;
  to: number;
  count: number;
}

/** How one figure (CPU time in ms, or peak memory in KiB) spreads over accepted submissions. */
export interface Distribution {
  /** Smallest and largest value; null when nothing is accepted yet. */
  min: number | null;
  max: number | null;
  /** At most 20 equal-width bars from `min` to `max`. */
  buckets: HistogramBucket[];
  /**
   * When the request gave a value for this figure: the share of accepted submissions with a
   * strictly larger value, percent (0–100, one decimal), as LeetCode's "beats N%".
   */
  beatsPercent?: number;
}

/**
 * Answer of `GET /api/v1/problems/:id/stats`: aggregate figures of the problem's accepted
 * submissions (every identity's; no submission, user or source is named).
 */
export interface ProblemStatsView {
  problemId: string;
  /** Number of accepted submissions. */
  accepted: number;
  /** Largest CPU time over a submission's tests, ms. */
  timeMs: Distribution;
  /** Largest peak memory over a submission's tests, KiB. */
  memoryKb: Distribution;
}

/** Query of `GET /api/v1/problems/:id/stats`: a submission's figures to place among the accepted ones. */
export class ProblemStatsQueryDto {
  @ApiPropertyOptional({ description: 'CPU time to compare, ms', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  timeMs?: number;

  @ApiPropertyOptional({ description: 'Peak memory to compare, KiB', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000)
  memoryKb?: number;
}

class HistogramBucketDto implements HistogramBucket {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() count: number;
}

class DistributionDto implements Distribution {
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty({ type: [HistogramBucketDto], description: 'at most 20 equal-width bars, [from, to)' }) buckets: HistogramBucketDto[];
  @ApiPropertyOptional({ description: 'share of accepted submissions with a strictly larger value, percent; only when the query gave one' })
  beatsPercent?: number;
}

export class ProblemStatsViewDto implements ProblemStatsView {
  @ApiProperty() problemId: string;
  @ApiProperty({ description: 'number of accepted submissions' }) accepted: number;
  @ApiProperty({ type: DistributionDto, description: 'ms' }) timeMs: DistributionDto;
  @ApiProperty({ type: DistributionDto, description: 'KiB' }) memoryKb: DistributionDto;
}
