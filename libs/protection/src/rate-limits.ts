import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';
import { REDIS } from '@app/queue';

/** What is counted: an address, an email (its blind index), a mobile (ditto), a case, code requests per email, staff sign-in tries per address. */
export type RateLimitName = 'ip' | 'email' | 'phone' | 'case' | 'codesPerEmail' | 'staffSignIn';

const SETTINGS: Record<RateLimitName, keyof AppConfig> = {
  ip: 'RATE_LIMIT_PER_IP',
  email: 'RATE_LIMIT_PER_EMAIL',
  phone: 'RATE_LIMIT_PER_PHONE',
  case: 'RATE_LIMIT_PER_CASE',
  codesPerEmail: 'RATE_LIMIT_CODES_PER_EMAIL',
  staffSignIn: 'RATE_LIMIT_STAFF_SIGN_IN',
};

/**
 * Fixed-window rate limits in Redis, shared by every API process. While Redis is away each
 * process falls back to counting in memory, so limits loosen (per process) but intake, which
 * must work without Redis, goes on. Callers pass keys that hold no personal data (blind-index
 * hashes, case ids); an IP address is kept only as long as its window.
 */
@Injectable()
export class RateLimits {
  private readonly limiters: Map<RateLimitName, RateLimiterAbstract> | null;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    this.limiters = config.RATE_LIMITS_ENABLED
      ? new Map(
          (Object.keys(SETTINGS) as RateLimitName[]).map((name) => {
            const [points, duration] = String(config[SETTINGS[name]]).split('/').map(Number);
            const limiter = new RateLimiterRedis({
              storeClient: redis,
              keyPrefix: `${config.QUEUE_PREFIX}:rl:${name}`,
              points,
              duration,
              rejectIfRedisNotReady: true,
              insuranceLimiter: new RateLimiterMemory({ points, duration }),
            });
            return [name, limiter];
          }),
        )
      : null;
  }

  /** Counts one more; throws 429 (with Retry-After) once `key` is over its limit. */
  async consume(name: RateLimitName, key: string): Promise<void> {
    const limiter = this.limiters?.get(name);
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'request.rateLimited', [], {}, Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
    }
  }
}
