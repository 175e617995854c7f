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
    // The API sends the solution as a header; the pages' forms as the field their script fills in.
    const body = request.body as Record<string, unknown> | undefined;
    const fromForm = body && typeof body === 'object' && typeof body.altcha === 'string' ? body.altcha : undefined;
    await this.proofOfWork.verify(request.headers[PROOF_OF_WORK_HEADER] ?? fromForm);
    return true;
  }
}
