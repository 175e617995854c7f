import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { ProbeResult, ReadinessCheck, ReadinessProbe } from '@app/health';
import { REDIS } from './redis-connection';

@ReadinessProbe()
@Injectable()
export class RedisProbe implements ReadinessCheck {
  readonly name = 'redis';

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async check(): Promise<ProbeResult> {
    await this.redis.ping();
    return { status: 'up' };
  }
}
