import { Controller, Get } from '@nestjs/common';
import { ProofOfWork } from '@app/protection';

/** A proof-of-work challenge (ALTCHA) for the client to solve before a protected write. */
@Controller('api/challenge')
export class ChallengeController {
  constructor(private readonly proofOfWork: ProofOfWork) {}

  @Get()
  challenge() {
    return this.proofOfWork.challenge();
  }
}
