import { Global, Module } from '@nestjs/common';
import { IpLimitGuard } from './ip-limit.guard';
import { SameOriginGuard } from './page-form.guard';
import { ProofOfWork } from './proof-of-work';
import { ProtectedWriteGuard } from './protected-write.guard';
import { RateLimits } from './rate-limits';

/** Rate limits and proof of work for the public API. */
@Global()
@Module({ providers: [RateLimits, ProofOfWork, ProtectedWriteGuard, IpLimitGuard, SameOriginGuard], exports: [RateLimits, ProofOfWork, ProtectedWriteGuard, IpLimitGuard, SameOriginGuard] })
export class ProtectionModule {}
