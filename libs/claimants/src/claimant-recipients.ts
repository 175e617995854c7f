import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { CasesService } from '@app/cases';
import { FieldCipher, SignedTokens } from '@app/crypto';
import { RecipientDirectory } from '@app/notifications';
import { statusUrl } from './status-link';

/** Tells the notifications module who a claim's email goes to (decrypting only here). */
@Injectable()
export class ClaimantRecipients extends RecipientDirectory {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: FieldCipher,
    private readonly tokens: SignedTokens,
    private readonly cases: CasesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async lookup(claimId: string) {
    const [row] = await this.db.query(
      `SELECT cl.id, cl.claim_number, cl.locale, cl.case_id, c.id AS claimant_id, c.name_enc, c.email_enc
         FROM claims cl JOIN claimants c ON c.id = cl.claimant_id WHERE cl.id = $1`,
      [claimId],
    );
    if (!row) return null;
    const kase = await this.cases.findById(row.case_id);
    if (!kase) return null;
    const en = row.locale === 'en';
    return {
      email: this.cipher.decrypt(row.email_enc, `claimant:${row.claimant_id}:email`),
      recipientName: this.cipher.decrypt(row.name_enc, `claimant:${row.claimant_id}:name`),
      locale: row.locale,
      claimNumber: row.claim_number,
      caseTitle: en ? kase.titleEn : kase.titleKo,
      firmName: en ? kase.firm.nameEn : kase.firm.nameKo,
      statusUrl: statusUrl(this.tokens, this.config.PUBLIC_BASE_URL, row.id),
    };
  }
}
