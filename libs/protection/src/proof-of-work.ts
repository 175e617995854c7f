import { createHmac, randomInt } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CappedMap, type Challenge, createChallenge, type Payload, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';
import { REDIS } from '@app/queue';

/** The header a client sends its solved challenge in: base64 of the ALTCHA payload. */
export const PROOF_OF_WORK_HEADER = 'x-altcha';

export const PROOF_OF_WORK_ALGORITHM = 'PBKDF2/SHA-256';

/**
 * The two secrets a challenge is signed with, from the one configured key: the challenge's own
 * signature, and the derived key's (which lets verification skip the key derivation).
 */
export function proofOfWorkSecrets(hmacKey: string): { hmacSignatureSecret: string; hmacKeySignatureSecret: string } {
  return { hmacSignatureSecret: hmacKey, hmacKeySignatureSecret: createHmac('sha256', hmacKey).update('altcha key signature').digest('base64url') };
}

/**
 * Self-hosted proof of work (ALTCHA): a client fetches a challenge, finds the counter the server
 * chose (POW_COST rounds of PBKDF2 per try), and sends the solution with its request. Nothing
 * calls a third party. Verifying is an HMAC check (the server signs the derived key when it
 * makes the challenge). A solution works once: its nonce is remembered in Redis until the
 * challenge expires, or in this process's memory while Redis is away.
 */
@Injectable()
export class ProofOfWork {
  private readonly secrets: ReturnType<typeof proofOfWorkSecrets>;
  private readonly localUsed = new CappedMap<string, boolean>({ maxSize: 50_000 });

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.secrets = proofOfWorkSecrets(config.POW_HMAC_KEY);
  }

  challenge(): Promise<Challenge> {
    const c = this.config;
    return createChallenge({
      algorithm: PROOF_OF_WORK_ALGORITHM,
      cost: c.POW_COST,
      counter: randomInt(c.POW_COUNTER_MIN, c.POW_COUNTER_MAX + 1),
      deriveKey,
      expiresAt: new Date(Date.now() + c.POW_EXPIRES_SECONDS * 1000),
      ...this.secrets,
    });
  }

  /** Throws 400 unless `header` carries a valid, unexpired, unused solution. */
  async verify(header: unknown): Promise<void> {
    if (typeof header !== 'string' || header.length === 0) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.proofOfWorkRequired');
    const payload = decode(header);
    const result = payload
      ? await verifySolution({
          challenge: payload.challenge,
          solution: payload.solution,
          deriveKey,
          ...this.secrets,
        }).catch(() => null)
      : null;
    if (!payload || !result?.verified || !(await this.firstUse(payload.challenge.parameters.nonce))) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'request.proofOfWorkInvalid');
    }
  }

  private async firstUse(nonce: string): Promise<boolean> {
    const key = `${this.config.QUEUE_PREFIX}:pow:${nonce}`;
    try {
      return (await this.redis.set(key, '1', 'EX', this.config.POW_EXPIRES_SECONDS, 'NX')) === 'OK';
    } catch {
      if (this.localUsed.get(nonce)) return false;
      this.localUsed.set(nonce, true);
      return true;
    }
  }
}

function decode(header: string): Payload | null {
  if (header.length > 4_096) return null;
  try {
    const payload = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Payload;
    const nonce = payload?.challenge?.parameters?.nonce;
    return typeof nonce === 'string' && nonce.length <= 128 && typeof payload.solution?.counter === 'number' ? payload : null;
  } catch {
    return null;
  }
}
