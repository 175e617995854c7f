import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsDefined, IsString, MaxLength } from 'class-validator';

/** The shape of a status link's token (firm and claim ids, link version, expiry, signature), for the OpenAPI examples. */
export const STATUS_TOKEN_EXAMPLE = '0190f5a0-0000-7000-8000-000000000001~0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b~1.t9q4m0.Hc2pL7vQ0sK9xR3mT6wB1yD8fJ4nZ5aG2uE7iO0kW1s';

/** A claimant's action through their status link. */
export class WithdrawClaimDto {
  @ApiProperty({ description: "The token of the claimant's status link (the `token` query parameter of the link in their email).", maxLength: 300, example: STATUS_TOKEN_EXAMPLE })
  @IsDefined() @IsString() @MaxLength(300)
  token: string;

  /** The page asks "are you sure"; the API wants the answer too. */
  @ApiProperty({ description: 'The claimant confirmed they want to leave the suit; must be true.', enum: [true], example: true })
  @IsDefined() @Equals(true)
  confirm: true;
}
