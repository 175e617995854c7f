import { HttpStatus } from '@nestjs/common';
import type { SignedTokens } from '@app/crypto';
import type { FirmTx } from '@app/database';
import { ApiException } from '@app/http';
import type { ClaimsRepository } from './claims.repository';
import type { ClaimEntity } from './entities/claim.entity';
import { readStatusToken, type StatusLinkRef } from './status-link';

/** The firm a status token names, or a 404 in the claimant's language. */
export function statusRef(tokens: SignedTokens, token: unknown): StatusLinkRef {
  const ref = readStatusToken(tokens, token);
  if (!ref) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
  return ref;
}

/** The claim behind a status link, locked for the transaction; a replaced link finds nothing. */
export async function claimOfLink(tx: FirmTx, claims: ClaimsRepository, ref: StatusLinkRef): Promise<ClaimEntity> {
  const claim = await claims.findClaim(tx, ref.claimId, true);
  if (!claim || claim.statusLinkVersion !== ref.version) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
  return claim;
}
