import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { SignedTokens } from '@app/crypto';
import { ApiException } from '@app/http';
import { ClaimsRepository } from './claims.repository';
import { STATUS_TOKEN_PURPOSE } from './status-link';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the status page shows: where the claim stands and why, no personal data. */
@Injectable()
export class ClaimStatusQuery {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
  ) {}

  async byToken(token: unknown) {
    const claimId = typeof token === 'string' && token.length < 200 ? this.tokens.verify(STATUS_TOKEN_PURPOSE, token) : null;
    if (!claimId || !UUID.test(claimId)) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const row = await this.claims.findStatus(claimId);
    if (!row) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const kase = await this.cases.findById(row.case_id);
    return {
      claimNumber: row.claim_number,
      status: row.status,
      submittedAt: row.created_at,
      statusChangedAt: row.status_changed_at,
      case: kase ? { slug: kase.slug, title: { ko: kase.titleKo, en: kase.titleEn } } : null,
      assessment: row.verdict
        ? {
            verdict: row.verdict,
            reasons: row.reasons,
            estimate: { amountWon: row.estimate_won, breakdown: row.estimate_breakdown, modelVersion: row.model_version },
            rulesVersion: row.rules_version,
          }
        : null,
    };
  }
}
