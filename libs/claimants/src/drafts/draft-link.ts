import type { SignedTokens } from '@app/crypto';

/** The browser session of someone filling in a draft (an HttpOnly cookie) and the emailed link that opens it again. */
const SESSION = 'claim-draft-session';
const RESUME = 'claim-draft-resume';

export interface DraftRef {
  firmId: string;
  draftId: string;
  /** The draft's link_version when the token was made; a newer link ends this one. */
  version: number;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SUBJECT = new RegExp(`^(${UUID})~(${UUID})~([1-9]\\d{0,8})$`);

const subject = (ref: DraftRef) => `${ref.firmId}~${ref.draftId}~${ref.version}`;

function read(tokens: SignedTokens, purpose: string, token: unknown): DraftRef | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const match = SUBJECT.exec(tokens.verify(purpose, token) ?? '');
  return match ? { firmId: match[1], draftId: match[2], version: Number(match[3]) } : null;
}

export function draftSessionToken(tokens: SignedTokens, ref: DraftRef, expiresAt: Date): string {
  return tokens.sign(SESSION, subject(ref), expiresAt);
}

export function readDraftSession(tokens: SignedTokens, token: unknown): DraftRef | null {
  return read(tokens, SESSION, token);
}

export function draftResumeUrl(tokens: SignedTokens, baseUrl: string, caseSlug: string, ref: DraftRef, expiresAt: Date): string {
  return `${baseUrl.replace(/\/$/, '')}/c/${caseSlug}/join/resume?token=${encodeURIComponent(tokens.sign(RESUME, subject(ref), expiresAt))}`;
}

export function readDraftResume(tokens: SignedTokens, token: unknown): DraftRef | null {
  return read(tokens, RESUME, token);
}
