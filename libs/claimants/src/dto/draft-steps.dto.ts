import { Type } from 'class-transformer';
import { Equals, IsDefined, IsIn, IsObject, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PersonName } from '../validation/decorators';
import { ClaimantDetailsDto, GuardianDto, LIMITS } from './submit-claim.dto';

/** The claim form's identity step: who files, the claimant, and the guardian who files for a minor. */
export class DraftIdentityDto {
  @IsDefined() @IsIn(['self', 'guardian'])
  filer: 'self' | 'guardian';

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ClaimantDetailsDto)
  claimant: ClaimantDetailsDto;

  @ValidateIf((o: DraftIdentityDto) => o.filer === 'guardian')
  @IsDefined() @IsObject() @ValidateNested() @Type(() => GuardianDto)
  guardian?: GuardianDto;
}

/** The mandate step: the signer types their full name and ticks the attestation. */
export class DraftSignatureDto {
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName()
  typedName: string;

  @IsDefined() @Equals(true)
  agreed: true;
}
