import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsString, Matches, MaxLength } from 'class-validator';
import { DeliverableEmail } from '../validation/decorators';

export class RequestEmailCodeDto {
  @ApiProperty({ description: 'The address to send to: one a mail provider delivers as written.', format: 'email', maxLength: 254, example: 'minji.kim@example.com' })
  @IsDefined() @IsString() @MaxLength(254) @DeliverableEmail() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  email: string;
}

export class VerifyEmailCodeDto {
  /** Six digits; spaces a phone keyboard adds are tolerated. */
  @ApiProperty({ description: 'The six digits from the email (spaces are ignored).', minLength: 6, example: '482913' })
  @IsDefined() @IsString() @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value)) @Matches(/^\d{6}$/)
  code: string;
}
