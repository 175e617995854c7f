import { ApiProperty } from '@nestjs/swagger';

/** A text in both languages a case is published in. */
export class BilingualText {
  @ApiProperty({ description: 'Korean.', example: '쿠팡 개인정보 유출 손해배상 청구' })
  ko: string;

  @ApiProperty({ description: 'English.', example: 'Coupang data breach damages claim' })
  en: string;
}
