import type { INestApplicationContext } from '@nestjs/common';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { CasesService } from '@app/cases';
import { issueEmailProof, parseEmailAddress } from '@app/claimants';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { PROOF_OF_WORK_HEADER, ProofOfWork } from '@app/protection';

/**
 * A solved proof-of-work challenge, as a client sends it: a fresh challenge from the app's own
 * ProofOfWork, solved by search (cheap under the tests' POW_COST and counter range).
 */
export async function solvedChallenge(app: INestApplicationContext): Promise<Record<string, string>> {
  const challenge = await app.get(ProofOfWork).challenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return { [PROOF_OF_WORK_HEADER]: Buffer.from(JSON.stringify({ challenge, solution })).toString('base64') };
}

const proofs = new Map<string, string>();

/**
 * The proof of an address that the email-code step would give, minted with the app's own key
 * (the code step has its own tests). The same for the same case and address, so a retried
 * body stays byte for byte the same.
 */
export async function emailProofFor(app: INestApplicationContext, caseSlug: string, email: string): Promise<string> {
  const address = parseEmailAddress(email);
  if (!address) return 'no-proof-for-an-invalid-address';
  const kase = await app.get(CasesService).getBySlug(caseSlug);
  const key = `${kase.id}/${address.canonical}`;
  let proof = proofs.get(key);
  if (!proof) {
    proof = issueEmailProof(app.get(SignedTokens), kase.id, app.get(BlindIndex).hash('email', address.canonical), new Date(Date.now() + 3_600_000));
    proofs.set(key, proof);
  }
  return proof;
}
