import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ChallengeParametersBody {
  @ApiProperty({ description: 'The key derivation to repeat.', example: 'PBKDF2/SHA-256' })
  algorithm: string;

  @ApiProperty({ description: 'Unique per challenge; a solution is accepted once.' })
  nonce: string;

  @ApiProperty()
  salt: string;

  @ApiProperty({ description: 'Rounds of the derivation per try (POW_COST).', example: 5000 })
  cost: number;

  @ApiProperty({ example: 32 })
  keyLength: number;

  @ApiProperty({ description: 'The derived key to find starts with this (hex).' })
  keyPrefix: string;

  @ApiPropertyOptional({ description: "The server's signature of the derived key, so that checking a solution skips the derivation." })
  keySignature?: string;

  @ApiPropertyOptional({ description: 'Unix time (seconds) after which the challenge is refused (POW_EXPIRES_SECONDS).', example: 1765000000 })
  expiresAt?: number;
}

/**
 * An ALTCHA challenge (altcha-lib v2): find the counter whose derived key starts with keyPrefix,
 * then send base64(JSON `{ challenge: { parameters, signature }, solution: { counter, derivedKey } }`) as `x-altcha`.
 */
export class ChallengeBody {
  @ApiProperty({ type: () => ChallengeParametersBody })
  parameters: ChallengeParametersBody;

  @ApiProperty({ description: "The server's HMAC of the parameters; sent back unchanged." })
  signature: string;
}
