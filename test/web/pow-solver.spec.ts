import { createChallenge, solveChallenge as altchaSolve, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type Redis from 'ioredis';
import { loadConfig } from '@app/config';
import { PROOF_OF_WORK_ALGORITHM, ProofOfWork, proofOfWorkSecrets } from '@app/protection';
import { type Challenge, encodePayload, solveChallenge } from '../../apps/web/src/pow-solver';

/**
 * The browser's solver (WebCrypto, here Node's globalThis.crypto.subtle) against the server's
 * own challenges and verification: what a phone sends must be what the server accepts.
 */
describe('the claimant pages\' proof-of-work solver', () => {
  const config = loadConfig({ NODE_ENV: 'test', POW_COST: '10', POW_COUNTER_MIN: '40', POW_COUNTER_MAX: '90' });
  const secrets = proofOfWorkSecrets(config.POW_HMAC_KEY);
  // Remembers nonces as Redis would (SET NX), so a second use is refused.
  const used = new Set<string>();
  const redis = { set: async (key: string) => (used.has(key) ? null : (used.add(key), 'OK')) } as unknown as Redis;
  const server = new ProofOfWork(redis, config);

  it('solves the server\'s challenge with the counter the server chose, and the server accepts it once', async () => {
    const challenge = (await server.challenge()) as unknown as Challenge;
    expect(challenge.parameters.algorithm).toBe(PROOF_OF_WORK_ALGORITHM);
    const solution = await solveChallenge(challenge);
    expect(solution).not.toBeNull();
    expect(solution!.counter).toBeGreaterThanOrEqual(40);
    expect(solution!.counter).toBeLessThanOrEqual(90);

    // The same answer as altcha-lib's own solver (node:crypto PBKDF2), byte for byte.
    const reference = await altchaSolve({ challenge: challenge as never, deriveKey });
    expect({ counter: solution!.counter, derivedKey: solution!.derivedKey }).toEqual({ counter: reference!.counter, derivedKey: reference!.derivedKey });

    // Checked by re-deriving the key from the counter (no key signature), and as the server checks it.
    expect((await verifySolution({ challenge: challenge as never, solution: solution!, deriveKey, hmacSignatureSecret: secrets.hmacSignatureSecret })).verified).toBe(true);
    const header = encodePayload(challenge, solution!);
    expect(header).toBe(Buffer.from(JSON.stringify({ challenge, solution })).toString('base64'));
    await expect(server.verify(header)).resolves.toBeUndefined();
    await expect(server.verify(header)).rejects.toMatchObject({ messageKey: 'request.proofOfWorkInvalid' });
  });

  it('is refused with a wrong counter or key (the control: verification can fail)', async () => {
    const challenge = (await server.challenge()) as unknown as Challenge;
    const solution = (await solveChallenge(challenge))!;
    const wrongCounter = { ...solution, counter: solution.counter + 1 };
    expect((await verifySolution({ challenge: challenge as never, solution: wrongCounter, deriveKey, hmacSignatureSecret: secrets.hmacSignatureSecret })).verified).toBe(false);
    const flipped = (solution.derivedKey[0] === '0' ? '1' : '0') + solution.derivedKey.slice(1);
    await expect(server.verify(encodePayload(challenge, { ...solution, derivedKey: flipped }))).rejects.toMatchObject({ messageKey: 'request.proofOfWorkInvalid' });
  });

  it('matches altcha-lib on a prefix of odd length (compared as hex, not bytes)', async () => {
    const challenge = (await createChallenge({ algorithm: PROOF_OF_WORK_ALGORITHM, cost: 5, keyPrefix: 'A', deriveKey, ...secrets })) as unknown as Challenge;
    const solution = (await solveChallenge(challenge, { parallel: 3 }))!;
    const reference = (await altchaSolve({ challenge: challenge as never, deriveKey }))!;
    expect([solution.counter, solution.derivedKey]).toEqual([reference.counter, reference.derivedKey]);
    expect(solution.derivedKey.startsWith('a')).toBe(true);
    expect((await verifySolution({ challenge: challenge as never, solution, deriveKey, hmacSignatureSecret: secrets.hmacSignatureSecret })).verified).toBe(true);
  });

  it('gives up when told to, and refuses what it cannot solve', async () => {
    const challenge = (await server.challenge()) as unknown as Challenge;
    const controller = new AbortController();
    controller.abort();
    await expect(solveChallenge(challenge, { signal: controller.signal })).resolves.toBeNull();
    await expect(solveChallenge({ parameters: { ...challenge.parameters, algorithm: 'ARGON2ID' } })).rejects.toThrow('unsupported');
    await expect(solveChallenge({ parameters: { ...challenge.parameters, keyPrefix: '' } })).rejects.toThrow('keyPrefix');
  });
});
