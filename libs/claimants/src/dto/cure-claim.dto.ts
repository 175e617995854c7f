import { IsDefined, IsObject, IsString, MaxLength } from 'class-validator';

/** A claimant's answers to what a deficiency notice asked, through their status link. */
export class CureClaimDto {
  @IsDefined() @IsString() @MaxLength(300)
  token: string;

  /** Only the answers that change; checked with the rest against the case's active questionnaire. */
  @IsDefined() @IsObject()
  answers: Record<string, unknown>;
}
