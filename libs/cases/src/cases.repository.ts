import { Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import type { CaseRecord, ConsentPurpose, ConsentText } from './case.record';
import { CaseEntity } from './case.entity';
import { consentSha256 } from './consent-hash';
import { FirmEntity } from './firm.entity';

/**
 * Cases are public facts (the case page shows them), so they are read outside any firm's
 * scope; row-level security lets an unscoped session read firms and cases and nothing else.
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly scope: FirmScope) {}

  async findBySlug(slug: string): Promise<CaseRecord | null> {
    const found = await this.scope.unscoped.findOne(CaseEntity, { where: { slug }, relations: { firm: true } });
    return found ? toRecord(found) : null;
  }

  async findById(id: string): Promise<CaseRecord | null> {
    const found = await this.scope.unscoped.findOne(CaseEntity, { where: { id }, relations: { firm: true } });
    return found ? toRecord(found) : null;
  }

  async firmIds(): Promise<string[]> {
    const firms = await this.scope.unscoped.find(FirmEntity, { select: { id: true }, order: { id: 'ASC' } });
    return firms.map((f) => f.id);
  }
}

function toRecord(c: CaseEntity): CaseRecord {
  const firm = c.firm!;
  return {
    id: c.id,
    firmId: c.firmId,
    slug: c.slug,
    claimPrefix: c.claimPrefix,
    titleKo: c.titleKo,
    titleEn: c.titleEn,
    summaryKo: c.summaryKo,
    summaryEn: c.summaryEn,
    defendant: c.defendant,
    incidentDisclosedOn: c.incidentDisclosedOn,
    intakeOpensAt: c.intakeOpensAt,
    intakeClosesAt: c.intakeClosesAt,
    limitationYears: c.limitationYears,
    damageMinWon: c.damageMinWon,
    damageMaxWon: c.damageMaxWon,
    consentVersion: c.consentVersion,
    consentTexts: c.consentTexts,
    consentSha256: hashConsents(c.consentTexts),
    mandateVersion: c.mandateVersion,
    mandateTextKo: c.mandateTextKo,
    mandateTextEn: c.mandateTextEn,
    mandateSha256: c.mandateSha256,
    rulesVersion: c.rulesVersion,
    damageModel: c.damageModel,
    firm: { nameKo: firm.nameKo, nameEn: firm.nameEn, registrationNo: firm.registrationNo },
  };
}

function hashConsents(texts: Record<ConsentPurpose, ConsentText>): Record<ConsentPurpose, Buffer> {
  return {
    collection: consentSha256(texts.collection),
    third_party: consentSha256(texts.third_party),
    marketing: consentSha256(texts.marketing),
  };
}
