import type { Locale, TemplateData } from './templates/render';

/**
 * What the send processor needs to know about a claim's recipient. Implemented by the
 * claimants module (which owns and decrypts personal data), so notifications never reads
 * another module's tables.
 */
export abstract class RecipientDirectory {
  abstract lookup(claimId: string): Promise<(TemplateData & { email: string; locale: Locale }) | null>;
}
