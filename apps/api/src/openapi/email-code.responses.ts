import { ApiProperty } from '@nestjs/swagger';
import { message } from '@app/http';

export class EmailCodeSentBody {
  @ApiProperty({ description: 'Names this code request in `POST .../email-codes/{id}/verify`.', format: 'uuid', example: '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b' })
  verificationId: string;

  @ApiProperty({ description: 'The code works until then (EMAIL_CODE_MINUTES).', format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ description: 'In the language of the request.', example: message('ko', 'emailCode.sent') })
  message: string;
}

export class EmailProofBody {
  @ApiProperty({ description: 'Send it as `emailProof` with the claim; bound to the case and the address.' })
  emailProof: string;

  @ApiProperty({ description: 'The proof works until then (EMAIL_PROOF_MINUTES).', format: 'date-time' })
  expiresAt: string;
}

export class StatusLinkSentBody {
  @ApiProperty({ description: 'The same answer whether or not the address has a claim; in the language of the request.', example: message('ko', 'statusLink.sent') })
  message: string;
}
