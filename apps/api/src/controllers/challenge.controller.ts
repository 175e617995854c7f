import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProofOfWork } from '@app/protection';
import { ChallengeBody } from '../openapi/challenge.responses';

/** A proof-of-work challenge (ALTCHA) for the client to solve before a protected write. */
@ApiTags('Proof of work')
@Controller('api/challenge')
export class ChallengeController {
  constructor(private readonly proofOfWork: ProofOfWork) {}

  @ApiOperation({
    summary: 'A proof-of-work challenge',
    description:
      'A fresh ALTCHA challenge, signed by the server (nothing calls a third party). Solve it (find the counter whose PBKDF2 key starts with keyPrefix) and send the solution as `x-altcha` ' +
      'with a protected write: email codes, status links, claims. Each solution works once and until the challenge expires (POW_EXPIRES_SECONDS). No guard.',
  })
  @ApiResponse({ status: HttpStatus.OK, type: ChallengeBody, description: 'The challenge.' })
  @Get()
  challenge() {
    return this.proofOfWork.challenge();
  }
}
