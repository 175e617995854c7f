import { Equals, IsDefined, IsString, MaxLength } from 'class-validator';

/** A claimant's action through their status link. */
export class WithdrawClaimDto {
  @IsDefined() @IsString() @MaxLength(300)
  token: string;

  /** The page asks "are you sure"; the API wants the answer too. */
  @IsDefined() @Equals(true)
  confirm: true;
}
