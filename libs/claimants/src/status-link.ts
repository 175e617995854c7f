import { SignedTokens } from '@app/crypto';

export const STATUS_TOKEN_PURPOSE = 'claim-status';
/** Long enough to outlive the suit; the link shows status only, never personal data. */
const STATUS_LINK_DAYS = 3 * 365;

export function statusUrl(tokens: SignedTokens, baseUrl: string, claimId: string, now = new Date()): string {
  const token = tokens.sign(STATUS_TOKEN_PURPOSE, claimId, new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000));
  return `${baseUrl.replace(/\/$/, '')}/status?token=${encodeURIComponent(token)}`;
}
