import type { Locale, TemplateName } from './templates/render';

export interface EmailRequest {
  claimId: string;
  template: TemplateName;
  locale: Locale;
  /** One email per key, ever: a repeated request with the same key sends nothing. */
  dedupeKey: string;
  /** Not sent before this time (a reminder, a deadline notice); now if absent. */
  notBefore?: Date;
}
