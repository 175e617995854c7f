import type { Locale, TemplateData } from './templates/render';

export type Recipient = TemplateData & { email: string };

/**
 * What the send processor needs to know about a claim's recipient. Implemented by the
 * claimants module (which owns and decrypts personal data, and records the read), so
 * notifications never reads another module's tables.
 */
export abstract class RecipientDirectory {
  /** The recipient of an email about `claimId`, with the case's texts in the email's `locale`. */
  abstract lookup(firmId: string, claimId: string, locale: Locale): Promise<Recipient | null>;
}
