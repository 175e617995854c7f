import { Transform } from 'class-transformer';
import { IsDefined, IsString, Matches, MaxLength } from 'class-validator';
import { DeliverableEmail } from '../validation/decorators';

export class RequestEmailCodeDto {
  @IsDefined() @IsString() @MaxLength(254) @DeliverableEmail() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  email: string;
}

export class VerifyEmailCodeDto {
  /** Six digits; spaces a phone keyboard adds are tolerated. */
  @IsDefined() @IsString() @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value)) @Matches(/^\d{6}$/)
  code: string;
}
