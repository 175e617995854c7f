import type { SignedTokens } from '@app/crypto';

const PURPOSE = 'email-proof';

/**
 * What a verified email code gives a client: a signed, short-lived statement that it controls an
 * address in a case. A claim submission must carry one for its own address; it is checked with
 * the signing key alone, no database read. The address appears only as its blind index.
 */
export function issueEmailProof(tokens: SignedTokens, caseId: string, emailHash: Buffer, expiresAt: Date): string {
  return tokens.sign(PURPOSE, `${caseId}~${emailHash.toString('base64url')}`, expiresAt);
}

export function emailProofMatches(tokens: SignedTokens, token: string, caseId: string, emailHash: Buffer): boolean {
  return tokens.verify(PURPOSE, token) === `${caseId}~${emailHash.toString('base64url')}`;
}

/** The six digits emailed for a verification: keyed by a server secret, so never stored. */
export function emailCodeFrom(keyedHash: Buffer): string {
  return String(keyedHash.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}
