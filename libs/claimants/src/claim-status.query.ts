import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { describeLine, describeResult } from '@app/eligibility';
import { EvidenceService } from '@app/evidence';
import { claimantTimeline, claimantView } from './claimant-view';
import { deficiencyCure, deficiencyText } from './deficiency-text';
import { ClaimantRequestsRepository } from './claimant-requests.repository';
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
    private readonly evidence: EvidenceService,
    private readonly requests: ClaimantRequestsRepository,
  ) {}

  async byToken(token: unknown) {
    const ref = readStatusToken(this.tokens, token);
    if (!ref) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const found = await this.scope.run(ref.firmId, async (tx) => {
      const found = await this.claims.findWithAssessment(tx, ref.claimId);
      if (!found || found.claim.statusLinkVersion !== ref.version) return null;
      // One after another: a transaction is one connection, which runs one query at a time.
      const events = await this.claims.events(tx, ref.claimId);
      const files = await this.evidence.list(tx, ref.claimId);
      const requests = await this.requests.forClaim(tx, ref.claimId);
      return { ...found, events, files, requests };
    });
    // A link older than the claimant's latest works no more.
    if (!found) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const { claim, assessment } = found;
    const kase = await this.cases.findById(claim.caseId);
    // Texts come from the case version the assessment was made under (versions never change).
    const def = assessment && kase ? ((await this.cases.definitionAt(claim.caseId, assessment.caseVersion ?? kase.version)) ?? kase.definition) : kase?.definition;
    const staffOnly = new Set(def?.rules.rules.filter((r) => r.staffOnly).map((r) => r.id));
    // A passed rule without a sentence of its own says nothing worth a line ("Checked.").
    const worthSaying = (r: { rule: string; outcome: string }) => r.outcome !== 'eligible' || !def || def.rules.rules.some((x) => x.id === r.rule && x.reason.pass);
    const described = (assessment?.reasons ?? []).filter(worthSaying).map((r) => ({
      ...r,
      staffOnly: r.staffOnly ?? (staffOnly.has(r.rule) ? (true as const) : undefined),
      ...(def ? describeResult(def.rules, def.questionnaire, r) : { ko: r.rule, en: r.rule }),
    }));
    // Only what is about the claimant's own answers and actions (see claimantView).
    const view = claimantView(claim.status, assessment ? { verdict: assessment.verdict, reasons: described } : null);
    // Only while the claim (as the claimant sees it) waits for them: a cured one is being checked again.
    const deficiencies = view.status === 'needs_information' && assessment && def
      ? assessment.deficiencies.filter((d) => !staffOnly.has(d.rule)).map((d) => ({ item: d.item, ...deficiencyText(def, d.item), ...deficiencyCure(def, d.item) }))
      : [];
    const deletion = found.requests.find((r) => r.kind === 'deletion' && r.status === 'open');
    return {
      claimNumber: claim.claimNumber,
      status: view.status,
      submittedAt: claim.createdAt,
      statusChangedAt: claim.statusChangedAt,
      case: kase ? { slug: kase.slug, title: kase.definition.title } : null,
      timeline: claimantTimeline(found.events.map((e) => ({ from: e.fromStatus, to: e.toStatus, at: e.at }))),
      evidence: found.files.map((f) => ({ ...f, kindLabel: kase?.definition.evidence?.kinds.find((k) => k.id === f.kind)?.label ?? { ko: f.kind, en: f.kind } })),
      deletionRequest: deletion ? { requestedAt: deletion.requestedAt, dueBy: deletion.dueBy } : null,
      assessment: assessment
        ? {
            verdict: view.verdict,
            reasons: view.reasons,
            deficiencies,
            cureBy: deficiencies.length ? assessment.cureBy : null,
            estimate: {
              amountWon: assessment.estimateWon,
              breakdown: assessment.estimateBreakdown.map((l) => ({ ...l, ...(def ? describeLine(def.damages, l.code) : { ko: l.code, en: l.code }) })),
              modelVersion: assessment.modelVersion,
            },
            rulesVersion: assessment.rulesVersion,
          }
        : null,
    };
  }
}
