import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { DEMO_CASE_SLUG, demoClaimBody } from '@app/cases';
import { BirthDate, DeliverableEmail, KoreanMobile, PersonName, PlainText, PostalCode } from '../validation/decorators';

/** Phones and autofill add stray spaces; trimming beats making a person find them. */
const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const LIMITS = { name: 50, email: 254, address: 200, version: 40, proof: 300 } as const;

/** The OpenAPI examples: a valid claim for the demo case, from the one source tests use too. */
const EXAMPLE = demoClaimBody({ email: 'minji.kim@example.com', phone: '010-1234-5678' });
const PERSON_NAME = 'Letters of any script, spaces and . \' - · only.';
const MOBILE = 'A Korean mobile number (010, 011, 016-019), with or without dashes or spaces, or in +82 form.';
const BIRTH_DATE = 'YYYY-MM-DD, on or after 1900-01-01 and not in the future.';

export class AddressDto {
  @ApiProperty({ description: 'Five-digit Korean postal code.', pattern: '^\\d{5}$', example: EXAMPLE.claimant.address.postalCode })
  @IsDefined() @IsString() @PostalCode() @Trim()
  postalCode: string;

  @ApiProperty({ description: 'Street address, as typed (plain text).', minLength: 2, maxLength: LIMITS.address, example: EXAMPLE.claimant.address.line1 })
  @IsDefined() @IsString() @MinLength(2) @MaxLength(LIMITS.address) @PlainText() @Trim()
  line1: string;

  @ApiPropertyOptional({ description: 'Building, floor, unit (plain text).', maxLength: LIMITS.address, example: EXAMPLE.claimant.address.line2 })
  @IsOptional() @IsString() @MaxLength(LIMITS.address) @PlainText() @Trim()
  line2?: string;
}

/** A claimant's details as the claim form asks them (the email is proven separately). */
export class ClaimantDetailsDto {
  @ApiProperty({ description: `The claimant's full legal name. ${PERSON_NAME}`, minLength: 1, maxLength: LIMITS.name, example: EXAMPLE.claimant.name })
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  name: string;

  @ApiProperty({ description: `Date of birth, ${BIRTH_DATE}`, format: 'date', example: EXAMPLE.claimant.birthDate })
  @IsDefined() @IsString() @BirthDate() @Trim()
  birthDate: string;

  @ApiProperty({ description: MOBILE, maxLength: 20, example: EXAMPLE.claimant.phone })
  @IsDefined() @IsString() @KoreanMobile() @Trim()
  phone: string;

  @ApiProperty({ type: () => AddressDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AddressDto)
  address: AddressDto;
}

export class ClaimantDto extends ClaimantDetailsDto {
  @ApiProperty({
    description: 'The address the email-code step proved (emailProof is bound to it); receipts and the status link go there.',
    format: 'email',
    maxLength: LIMITS.email,
    example: EXAMPLE.claimant.email,
  })
  @IsDefined() @IsString() @MaxLength(LIMITS.email) @DeliverableEmail() @Trim()
  email: string;
}

/** The legal guardian who files and signs for a minor (a parent, or a court-appointed guardian). */
export class GuardianDto {
  @ApiProperty({ description: `The guardian's full legal name; the signature must carry it. ${PERSON_NAME}`, minLength: 1, maxLength: LIMITS.name, example: '김영희' })
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  name: string;

  @ApiProperty({ description: `The guardian's date of birth, ${BIRTH_DATE}`, format: 'date', example: '1962-07-01' })
  @IsDefined() @IsString() @BirthDate() @Trim()
  birthDate: string;

  @ApiProperty({ description: 'A parent, or a court-appointed guardian.', enum: ['parent', 'guardian'], example: 'parent' })
  @IsDefined() @IsIn(['parent', 'guardian'])
  relation: 'parent' | 'guardian';

  @ApiProperty({ description: `The guardian's mobile. ${MOBILE}`, maxLength: 20, example: '010-9876-5432' })
  @IsDefined() @IsString() @KoreanMobile() @Trim()
  phone: string;
}

export class ConsentsDto {
  /** The purposes of the case's consents, each true or false (checked against the case in SubmitClaim). */
  @ApiProperty({
    description:
      "One entry per consent of the case: the keys are the purposes `GET /api/cases/{slug}` publishes (consents.items[].purpose), " +
      'each true (given) or false (refused). Every required consent must be true; an unknown purpose is refused.',
    type: 'object',
    additionalProperties: { type: 'boolean' },
    example: EXAMPLE.consents.granted,
  })
  @IsDefined() @IsObject()
  granted: Record<string, unknown>;

  @ApiProperty({ description: "The case's current consents version (consents.version of `GET /api/cases/{slug}`).", maxLength: LIMITS.version, example: EXAMPLE.consents.version })
  @IsDefined() @IsString() @MaxLength(LIMITS.version) @PlainText()
  version: string;
}

export class SignatureDto {
  @ApiProperty({ description: "The signer's full name, typed: the claimant's, or the guardian's for a minor.", minLength: 1, maxLength: LIMITS.name, example: EXAMPLE.signature.typedName })
  @IsDefined() @IsString() @MinLength(1) @MaxLength(LIMITS.name) @PersonName() @Trim()
  typedName: string;

  @ApiProperty({ description: 'The signer read the mandate and agrees to it; must be true.', enum: [true], example: true })
  @IsDefined() @Equals(true)
  agreed: true;

  /** The version of the mandate the claimant read; it must be the case's current one. */
  @ApiProperty({ description: "The mandate version the signer read (mandate.version of `GET /api/cases/{slug}`); it must be the case's current one.", maxLength: LIMITS.version, example: EXAMPLE.signature.mandateVersion })
  @IsDefined() @IsString() @MaxLength(LIMITS.version) @PlainText()
  mandateVersion: string;

  /** The language the mandate and consents were shown in; the request's language if absent. */
  @ApiPropertyOptional({ description: 'The language the mandate and consents were shown in (their SHA-256 is recorded in it); the request\'s language if absent.', enum: ['ko', 'en'], example: 'ko' })
  @IsOptional() @IsIn(['ko', 'en'])
  language?: 'ko' | 'en';
}

export class SubmitClaimDto {
  /** The token the email-code step gave: proof that the submitter controls claimant.email. */
  @ApiProperty({
    description: 'The emailProof `POST /api/cases/{slug}/email-codes/{id}/verify` returned: a signed, short-lived proof that the submitter controls claimant.email.',
    maxLength: LIMITS.proof,
    example: '0190f5a0-0000-7000-8000-000000000002~Vb3nXo1mE0dQe9Yk2cR7tL4pS8wZ6aHjU5fG1iN0oKs.t7b2k0.pQ3vX9mRk2LwT8sY1zA6dF4hJ0cN5bE7gU2iO9eW3rk',
  })
  @IsDefined() @IsString() @MaxLength(LIMITS.proof)
  emailProof: string;

  @ApiProperty({ type: () => ClaimantDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ClaimantDto)
  claimant: ClaimantDto;

  /** For a minor: the guardian who files, whose name the signature carries. */
  @ApiPropertyOptional({ type: () => GuardianDto, description: 'For a minor: the guardian who files and signs.' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => GuardianDto)
  guardian?: GuardianDto;

  /** Checked against the case's active questionnaire (a JSON Schema per version), not a class. */
  @ApiProperty({
    description:
      "The answers to the case's questionnaire: the keys are the question ids `GET /api/cases/{slug}` publishes (questionnaire.questions[].id), " +
      'each value of its question\'s type (single_choice: an option\'s value; multiple_choice: a list of option values; yes_no: a boolean; date: YYYY-MM-DD; short_text: a string). ' +
      'Questions hidden by their showIf condition must be left out; an unknown question is refused. The example is the demo case\'s (' + DEMO_CASE_SLUG + ').',
    type: 'object',
    additionalProperties: true,
    example: EXAMPLE.answers,
  })
  @IsDefined() @IsObject()
  answers: Record<string, unknown>;

  @ApiProperty({ type: () => ConsentsDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ConsentsDto)
  consents: ConsentsDto;

  @ApiProperty({ type: () => SignatureDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SignatureDto)
  signature: SignatureDto;
}
