import { ApiProperty } from '@nestjs/swagger';
import { DEMO_CASE_SLUG } from '@app/cases';

/** Where a re-scoring run stands (libs/claimants/src/rescore/rescore-progress.query.ts). */
export class RescoreProgressBody {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: DEMO_CASE_SLUG })
  caseSlug: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The case version the claims were assessed under before.' })
  fromVersion: number | null;

  @ApiProperty({ description: 'The case version activated.' })
  toVersion: number;

  @ApiProperty({ enum: ['running', 'done', 'superseded'] })
  status: string;

  @ApiProperty()
  total: number;

  @ApiProperty()
  done: number;

  @ApiProperty({ description: '0 unless running.' })
  remaining: number;

  @ApiProperty({ description: 'Claims given a new assessment.' })
  reassessed: number;

  @ApiProperty({ description: 'Claims whose status moved.' })
  moved: number;

  @ApiProperty({ description: "Claims a person decided, flagged instead of changed." })
  flagged: number;

  @ApiProperty({ description: 'Claims per second so far.' })
  ratePerSecond: number;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ format: 'date-time', type: 'string', nullable: true })
  finishedAt: string | null;
}
