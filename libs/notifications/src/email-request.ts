import type { Locale, TemplateName } from './templates/render';

/** Who an email is about: a claim, or (before any claim exists) an email verification or a draft. */
export type EmailSubject =
  | { claimId: string; verificationId?: undefined; draftId?: undefined }
  | { verificationId: string; claimId?: undefined; draftId?: undefined }
  | { draftId: string; claimId?: undefined; verificationId?: undefined };

export type EmailRequest = EmailSubject & {
  template: TemplateName;
  locale: Locale;
  /** One email per key, ever: a repeated request with the same key sends nothing. */
  dedupeKey: string;
  /** Not sent before this time (a reminder, a deadline notice); now if absent. */
  notBefore?: Date;
};
