import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { BlindIndex } from './blind-index';
import { FieldCipher } from './field-cipher';
import { SignedTokens } from './signed-token';

@Global()
@Module({
  providers: [
    { provide: FieldCipher, inject: [AppConfig], useFactory: (c: AppConfig) => FieldCipher.fromConfig(c.PII_KEYS, c.PII_ACTIVE_KEY_ID) },
    { provide: BlindIndex, inject: [AppConfig], useFactory: (c: AppConfig) => new BlindIndex(c.BLIND_INDEX_KEY) },
    { provide: SignedTokens, inject: [AppConfig], useFactory: (c: AppConfig) => new SignedTokens(c.LINK_SIGNING_KEY) },
  ],
  exports: [FieldCipher, BlindIndex, SignedTokens],
})
export class CryptoModule {}
