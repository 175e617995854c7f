import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PROOF_OF_WORK_HEADER, ProofOfWork } from './proof-of-work';
import { RateLimits } from './rate-limits';

/**
 * Guards a public write that costs us something (a claim, an email): at most so many from one
 * address, and each paid for with proof of work. Runs before the body is validated, so a
 * flood of malformed requests is limited too.
 */
@Injectable()
export class ProtectedWriteGuard implements CanActivate {
  constructor(
    private readonly limits: RateLimits,
    private readonly proofOfWork: ProofOfWork,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.limits.consume('ip', request.ip);
    await this.proofOfWork.verify(request.headers[PROOF_OF_WORK_HEADER]);
    return true;
  }
}
