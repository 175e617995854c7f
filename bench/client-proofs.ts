import { randomInt } from 'node:crypto';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { issueEmailProof, parseEmailAddress } from '@app/claimants';
import { AppConfig } from '@app/config';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { PROOF_OF_WORK_ALGORITHM, PROOF_OF_WORK_HEADER, proofOfWorkSecrets } from '@app/protection';

/**
 * What a client proves with each claim, minted here with the development keys the benchmark's
 * apps run with: the proof of the email address (which the code step would give) and a solved
 * proof-of-work challenge at cost 1, solved at the counter it was made with. The API checks
 * both exactly as it checks a real client's (an HMAC each); what a real client pays in work is
 * not the API's cost and is left out, so the load generator does not steal the API's CPU.
 */
export class ClientProofs {
  private readonly config = new AppConfig();
  private readonly tokens = new SignedTokens(this.config.LINK_SIGNING_KEY);
  private readonly index = new BlindIndex(this.config.BLIND_INDEX_KEY);
  private readonly secrets = proofOfWorkSecrets(this.config.POW_HMAC_KEY);

  emailProof(caseId: string, email: string): string {
    const address = parseEmailAddress(email);
    if (!address) throw new Error(`not an address: ${email}`);
    return issueEmailProof(this.tokens, caseId, this.index.hash('email', address.canonical), new Date(Date.now() + 3_600_000));
  }

  async proofOfWorkHeader(): Promise<Record<string, string>> {
    const counter = randomInt(1, 1_000);
    const challenge = await createChallenge({ algorithm: PROOF_OF_WORK_ALGORITHM, cost: 1, counter, deriveKey, expiresAt: new Date(Date.now() + 600_000), ...this.secrets });
    const solution = await solveChallenge({ challenge, deriveKey, counterStart: counter });
    return { [PROOF_OF_WORK_HEADER]: Buffer.from(JSON.stringify({ challenge, solution })).toString('base64') };
  }
}
