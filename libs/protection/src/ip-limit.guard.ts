import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RateLimits } from './rate-limits';

/** The per-address limit alone, for cheap steps a person repeats (typing a code). */
@Injectable()
export class IpLimitGuard implements CanActivate {
  constructor(private readonly limits: RateLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limits.consume('ip', context.switchToHttp().getRequest<FastifyRequest>().ip);
    return true;
  }
}
