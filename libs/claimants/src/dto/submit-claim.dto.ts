import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DATA_CATEGORIES, DataCategory, NOTICE_KINDS, NoticeKind } from '@app/eligibility';
import { BirthDate, DeliverableEmail, KoreanMobile, PastDateSince, PersonName, PlainText, PostalCode } from '../validation/decorators';

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

export class ClaimantDto {
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  name: string;

  @IsDefined() @IsString() @BirthDate() @Trim()
  birthDate: string;

  @IsDefined() @IsString() @MaxLength(LIMITS.email) @DeliverableEmail() @Trim()
  email: string;

  @IsDefined() @IsString() @KoreanMobile() @Trim()
  phone: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => AddressDto)
  address: AddressDto;
}

export class AnswersDto {
  @IsDefined() @IsIn(NOTICE_KINDS)
  noticeReceived: NoticeKind;

  @IsDefined() @IsArray() @ArrayMaxSize(DATA_CATEGORIES.length) @ArrayUnique() @IsIn(DATA_CATEGORIES, { each: true })
  exposedData: DataCategory[];

  @IsDefined() @IsBoolean()
  secondaryHarm: boolean;

  @IsDefined() @IsBoolean()
  voucherUsed: boolean;

  @IsDefined() @IsBoolean()
  otherRepresentation: boolean;

  @IsDefined() @IsBoolean()
  usResident: boolean;

  /** Access began 2025-06-24, so nobody learned of it earlier. */
  @IsDefined() @IsString() @PastDateSince('2025-06-24')
  learnedOn: string;
}

export class ConsentsDto {
  @IsDefined() @Equals(true)
  collection: true;

  @IsDefined() @Equals(true)
  thirdParty: true;

  @IsDefined() @IsBoolean()
  marketing: boolean;

  @IsDefined() @IsString() @MaxLength(LIMITS.version) @PlainText()
  version: string;
}

export class SignatureDto {
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  typedName: string;

  @IsDefined() @Equals(true)
  agreed: true;
}

export class SubmitClaimDto {
  /** The token the email-code step gave: proof that the submitter controls claimant.email. */
  @IsDefined() @IsString() @MaxLength(LIMITS.proof)
  emailProof: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ClaimantDto)
  claimant: ClaimantDto;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => AnswersDto)
  answers: AnswersDto;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ConsentsDto)
  consents: ConsentsDto;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => SignatureDto)
  signature: SignatureDto;
}
