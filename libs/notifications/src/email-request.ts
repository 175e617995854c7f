import type { Locale, TemplateName } from './templates/render';

/** Who an email is about: a claim, or (before any claim exists) an email verification. */
export type EmailSubject = { claimId: string; verificationId?: undefined } | { verificationId: string; claimId?: undefined };

export type EmailRequest = EmailSubject & {
  template: TemplateName;
  locale: Locale;
  /** One email per key, ever: a repeated request with the same key sends nothing. */
  dedupeKey: string;
  /** Not sent before this time (a reminder, a deadline notice); now if absent. */
  notBefore?: Date;
};
