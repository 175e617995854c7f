import type { Locale, TemplateData } from './templates/render';

export type Recipient = TemplateData & { email: string; locale: Locale };

/**
 * What the send processor needs to know about a claim's recipient. Implemented by the
 * claimants module (which owns and decrypts personal data, and records the read), so
 * notifications never reads another module's tables.
 */
export abstract class RecipientDirectory {
  abstract lookup(firmId: string, claimId: string): Promise<Recipient | null>;
}
