import { emailCodeFrom } from '@app/claimants';
import { AppConfig } from '@app/config';
import { BlindIndex } from '@app/crypto';

const index = new BlindIndex(new AppConfig().BLIND_INDEX_KEY);

/**
 * The six digits the API emails for a verification. The code is never stored: the server derives
 * it from its BLIND_INDEX_KEY and the verification's id (libs/claimants verify-email-code.usecase.ts),
 * and the benchmark's apps run with the development keys, so the benchmark derives the same code
 * the same way, as client-proofs.ts mints proofs, instead of reading it out of the email. The code
 * step is still the API's own: the code is checked and spent exactly as a person's would be.
 */
export function emailCodeFor(verificationId: string): string {
  return emailCodeFrom(index.hash('email-code', verificationId));
}
