import { Transform, Type } from 'class-transformer';
import {
  Equals,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BirthDate, DeliverableEmail, KoreanMobile, PersonName, PlainText, PostalCode } from '../validation/decorators';

/** Phones and autofill add stray spaces; trimming beats making a person find them. */
const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const LIMITS = { name: 50, email: 254, address: 200, version: 40, proof: 300 } as const;

export class AddressDto {
  @IsDefined() @IsString() @PostalCode() @Trim()
  postalCode: string;

  @IsDefined() @IsString() @MinLength(2) @MaxLength(LIMITS.address) @PlainText() @Trim()
  line1: string;

  @IsOptional() @IsString() @MaxLength(LIMITS.address) @PlainText() @Trim()
  line2?: string;
}

/** A claimant's details as the claim form asks them (the email is proven separately). */
export class ClaimantDetailsDto {
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  name: string;

  @IsDefined() @IsString() @BirthDate() @Trim()
  birthDate: string;

  @IsDefined() @IsString() @KoreanMobile() @Trim()
  phone: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => AddressDto)
  address: AddressDto;
}

export class ClaimantDto extends ClaimantDetailsDto {
  @IsDefined() @IsString() @MaxLength(LIMITS.email) @DeliverableEmail() @Trim()
  email: string;
}

/** The legal guardian who files and signs for a minor (a parent, or a court-appointed guardian). */
export class GuardianDto {
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  name: string;

  @IsDefined() @IsString() @BirthDate() @Trim()
  birthDate: string;

  @IsDefined() @IsIn(['parent', 'guardian'])
  relation: 'parent' | 'guardian';

  @IsDefined() @IsString() @KoreanMobile() @Trim()
  phone: string;
}

export class ConsentsDto {
  /** The purposes of the case's consents, each true or false (checked against the case in SubmitClaim). */
  @IsDefined() @IsObject()
  granted: Record<string, unknown>;

  @IsDefined() @IsString() @MaxLength(LIMITS.version) @PlainText()
  version: string;
}

export class SignatureDto {
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  typedName: string;

  @IsDefined() @Equals(true)
  agreed: true;

  /** The version of the mandate the claimant read; it must be the case's current one. */
  @IsDefined() @IsString() @MaxLength(LIMITS.version) @PlainText()
  mandateVersion: string;

  /** The language the mandate and consents were shown in; the request's language if absent. */
  @IsOptional() @IsIn(['ko', 'en'])
  language?: 'ko' | 'en';
}

export class SubmitClaimDto {
  /** The token the email-code step gave: proof that the submitter controls claimant.email. */
  @IsDefined() @IsString() @MaxLength(LIMITS.proof)
  emailProof: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ClaimantDto)
  claimant: ClaimantDto;

  /** For a minor: the guardian who files, whose name the signature carries. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => GuardianDto)
  guardian?: GuardianDto;

  /** Checked against the case's active questionnaire (a JSON Schema per version), not a class. */
  @IsDefined() @IsObject()
  answers: Record<string, unknown>;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ConsentsDto)
  consents: ConsentsDto;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => SignatureDto)
  signature: SignatureDto;
}
