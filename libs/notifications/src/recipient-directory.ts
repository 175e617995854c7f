import type { EmailSubject } from './email-request';
import type { Locale, TemplateData, TemplateName } from './templates/render';

/** Where an email goes, and what its template says. */
export interface Recipient {
  email: string;
  data: TemplateData;
}

/**
 * What the send processor needs to know about a claim's recipient. Implemented by the
 * claimants module (which owns and decrypts personal data, and records the read), so
 * notifications never reads another module's tables.
 */
export abstract class RecipientDirectory {
  /** The recipient of an email about `subject`, with the case's texts in the email's `locale` and what `template` needs. */
  abstract lookup(firmId: string, subject: EmailSubject, locale: Locale, template: TemplateName): Promise<Recipient | null>;
}
