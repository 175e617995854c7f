import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { claimantView } from './claimant-view';
import { ClaimsRepository } from './claims.repository';
import { readStatusToken } from './status-link';

/** What the status page shows: where the claim stands and why, about the claimant alone, no personal data. */
@Injectable()
export class ClaimStatusQuery {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
  ) {}

  async byToken(token: unknown) {
    const ref = readStatusToken(this.tokens, token);
    if (!ref) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const found = await this.scope.run(ref.firmId, (tx) => this.claims.findWithAssessment(tx, ref.claimId));
    // A link older than the claimant's latest works no more.
    if (!found || found.claim.statusLinkVersion !== ref.version) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const { claim, assessment } = found;
    const kase = await this.cases.findById(claim.caseId);
    // Only what is about the claimant's own answers and actions (see claimantView).
    const view = claimantView(claim.status, assessment);
    return {
      claimNumber: claim.claimNumber,
      status: view.status,
      submittedAt: claim.createdAt,
      statusChangedAt: claim.statusChangedAt,
      case: kase ? { slug: kase.slug, title: { ko: kase.titleKo, en: kase.titleEn } } : null,
      assessment: assessment
        ? {
            verdict: view.verdict,
            reasons: view.reasons,
            estimate: { amountWon: assessment.estimateWon, breakdown: assessment.estimateBreakdown, modelVersion: assessment.modelVersion },
            rulesVersion: assessment.rulesVersion,
          }
        : null,
    };
  }
}
