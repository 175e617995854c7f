import type { SignedTokens } from '@app/crypto';

const STATUS_TOKEN_PURPOSE = 'claim-status';

export interface StatusLinkRef {
  firmId: string;
  claimId: string;
  /** The claim's status_link_version when the link was made; a newer link ends this one. */
  version: number;
}

/** The firm travels in the signed token, so the status lookup runs in that firm's scope. */
export function statusUrl(tokens: SignedTokens, baseUrl: string, ref: StatusLinkRef, days: number, now = new Date()): string {
  const subject = `${ref.firmId}~${ref.claimId}~${ref.version}`;
  const token = tokens.sign(STATUS_TOKEN_PURPOSE, subject, new Date(now.getTime() + days * 86_400_000));
  return `${baseUrl.replace(/\/$/, '')}/status?token=${encodeURIComponent(token)}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SUBJECT = new RegExp(`^(${UUID})~(${UUID})~([1-9]\\d{0,8})$`);

/** The claim a status token names, or null when it is forged, expired or malformed. */
export function readStatusToken(tokens: SignedTokens, token: unknown): StatusLinkRef | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const match = SUBJECT.exec(tokens.verify(STATUS_TOKEN_PURPOSE, token) ?? '');
  return match ? { firmId: match[1], claimId: match[2], version: Number(match[3]) } : null;
}
