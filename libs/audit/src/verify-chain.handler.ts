import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { VERIFY_CHAIN } from './audit.queue';
import { ChainVerifier } from './chain-verifier.service';

type Payload = PayloadOf<typeof VERIFY_CHAIN>;

/** Carries out an auditor's request to recompute the firm's chain from its first row (ChainVerifier.runFull). */
@JobHandler(VERIFY_CHAIN)
@Injectable()
export class VerifyChainHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger('VerifyChain');

  constructor(private readonly chain: ChainVerifier) {}

  async handle({ verificationId, firmId }: Payload): Promise<void> {
    await this.chain.runFull(firmId, verificationId);
    this.logger.log({ verificationId }, 'full chain recomputation finished');
  }
}
