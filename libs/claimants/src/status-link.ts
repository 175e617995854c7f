import type { SignedTokens } from '@app/crypto';

const STATUS_TOKEN_PURPOSE = 'claim-status';
/** Long enough to outlive the suit; the link shows status only, never personal data. */
const STATUS_LINK_DAYS = 3 * 365;

/** The firm travels in the signed token, so the status lookup runs in that firm's scope. */
export function statusUrl(tokens: SignedTokens, baseUrl: string, ref: { firmId: string; claimId: string }, now = new Date()): string {
  const token = tokens.sign(STATUS_TOKEN_PURPOSE, `${ref.firmId}~${ref.claimId}`, new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000));
  return `${baseUrl.replace(/\/$/, '')}/status?token=${encodeURIComponent(token)}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SUBJECT = new RegExp(`^(${UUID})~(${UUID})$`);

/** The claim a status token names, or null when it is forged, expired or malformed. */
export function readStatusToken(tokens: SignedTokens, token: unknown): { firmId: string; claimId: string } | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const match = SUBJECT.exec(tokens.verify(STATUS_TOKEN_PURPOSE, token) ?? '');
  return match ? { firmId: match[1], claimId: match[2] } : null;
}
