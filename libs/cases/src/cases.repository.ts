import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseRecord, ConsentPurpose, ConsentText } from './case.record';
import { consentSha256 } from './consent-hash';

const SELECT = `
  SELECT c.id, c.firm_id, c.slug, c.claim_prefix, c.title_ko, c.title_en, c.summary_ko, c.summary_en, c.defendant,
         to_char(c.incident_disclosed_on, 'YYYY-MM-DD') AS incident_disclosed_on, c.intake_opens_at, c.intake_closes_at,
         c.limitation_years, c.damage_min_won, c.damage_max_won, c.consent_version, c.consent_texts, c.mandate_version,
         c.mandate_text_ko, c.mandate_text_en, c.mandate_sha256, c.rules_version, c.damage_model,
         f.name_ko AS firm_name_ko, f.name_en AS firm_name_en, f.registration_no AS firm_registration_no
    FROM cases c JOIN firms f ON f.id = c.firm_id`;

@Injectable()
export class CasesRepository {
  constructor(private readonly db: DataSource) {}

  async findBySlug(slug: string): Promise<CaseRecord | null> {
    const rows = await this.db.query(`${SELECT} WHERE c.slug = $1`, [slug]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  async findById(id: string): Promise<CaseRecord | null> {
    const rows = await this.db.query(`${SELECT} WHERE c.id = $1`, [id]);
    return rows.length ? toRecord(rows[0]) : null;
  }
}

function toRecord(r: Record<string, any>): CaseRecord {
  return {
    id: r.id,
    firmId: r.firm_id,
    slug: r.slug,
    claimPrefix: r.claim_prefix,
    titleKo: r.title_ko,
    titleEn: r.title_en,
    summaryKo: r.summary_ko,
    summaryEn: r.summary_en,
    defendant: r.defendant,
    incidentDisclosedOn: r.incident_disclosed_on,
    intakeOpensAt: r.intake_opens_at,
    intakeClosesAt: r.intake_closes_at,
    limitationYears: r.limitation_years,
    damageMinWon: r.damage_min_won,
    damageMaxWon: r.damage_max_won,
    consentVersion: r.consent_version,
    consentTexts: r.consent_texts,
    consentSha256: hashConsents(r.consent_texts),
    mandateVersion: r.mandate_version,
    mandateTextKo: r.mandate_text_ko,
    mandateTextEn: r.mandate_text_en,
    mandateSha256: r.mandate_sha256,
    rulesVersion: r.rules_version,
    damageModel: r.damage_model,
    firm: { nameKo: r.firm_name_ko, nameEn: r.firm_name_en, registrationNo: r.firm_registration_no },
  };
}

function hashConsents(texts: Record<ConsentPurpose, ConsentText>): Record<ConsentPurpose, Buffer> {
  return {
    collection: consentSha256(texts.collection),
    third_party: consentSha256(texts.third_party),
    marketing: consentSha256(texts.marketing),
  };
}
