import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsObject, IsString, MaxLength } from 'class-validator';
import { STATUS_TOKEN_EXAMPLE } from './status-token.dto';

/** A claimant's answers to what a deficiency notice asked, through their status link. */
export class CureClaimDto {
  @ApiProperty({ description: "The token of the claimant's status link (the `token` query parameter of the link in their email).", maxLength: 300, example: STATUS_TOKEN_EXAMPLE })
  @IsDefined() @IsString() @MaxLength(300)
  token: string;

  /** Only the answers that change; checked with the rest against the case's active questionnaire. */
  @ApiProperty({
    description:
      "Only the answers that change, keyed by the case's question ids (questionnaire.questions[].id of `GET /api/cases/{slug}`); " +
      "merged with the earlier answers and checked together against the case's active questionnaire. The questions to answer are named by assessment.deficiencies[].question of `GET /api/claims/status`.",
    type: 'object',
    additionalProperties: true,
    example: { secondaryHarm: true, secondaryHarmDetail: '스미싱 문자를 받았습니다' },
  })
  @IsDefined() @IsObject()
  answers: Record<string, unknown>;
}
