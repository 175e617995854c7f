import { Injectable } from '@nestjs/common';
import type { CaseDefinition } from '@app/cases';
import type { FirmTx } from '@app/database';
import { type EmailRequest, NotificationsService } from '@app/notifications';
import type { ClaimStatus } from '../claim-status';
import { type AssessmentRecord, ClaimsRepository } from '../claims.repository';
import { type DecisionRequest, mayDecide } from './decisions';
import { type DecidableClaim, ReviewRepository } from './review.repository';
import { staffRequestAssessment } from './staff-request';

export interface DecisionOutcome {
  /** Claims the decision was made on now. */
  decided: string[];
  /** Claims it could not be made on (moved on since they were chosen, another case, or already decided by this bulk job). */
  skipped: string[];
}

/** Where each decision moves a claim (null: it stays where it is). */
const TARGET: Partial<Record<DecisionRequest['kind'], ClaimStatus>> = { approve: 'approved', reject: 'rejected', request_information: 'needs_information' };

/**
 * Makes one decision on a set of claims inside the caller's transaction: locks them, keeps the
 * ones the decision may apply to, writes a decision row for each (a bulk job's rows are unique
 * per claim, so a retried chunk decides nothing twice), then does what the decision means: the
 * status move and its event, the copied assessment of a request for information, the amount
 * in force, the assignee, the flags; and asks for the claimant's email in the same transaction.
 * The case definition is the caller's (loaded before the transaction: see CureClaim).
 */
@Injectable()
export class DecisionWriter {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly review: ReviewRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async apply(tx: FirmTx, kase: { id: string; definition: CaseDefinition; version: number }, claimIds: string[], request: DecisionRequest, staffId: string, bulkJobId: string | null): Promise<DecisionOutcome> {
    const locked = await this.review.lockForDecision(tx, claimIds);
    const able = locked.filter((c) => c.caseId === kase.id && mayDecide(request.kind, c.status, c.batchId !== null));
    const assessments = request.kind === 'request_information' ? new Map((await this.review.latestAssessments(tx, able.map((c) => c.id))).map((a) => [a.claimId, a])) : null;
    // A request for information copies the latest assessment: a claim never assessed has none to copy.
    const candidates = assessments ? able.filter((c) => assessments.has(c.id)) : able;
    const inserted = await this.review.insertDecisions(
      tx,
      candidates.map((c) => ({ claimId: c.id, staffId, kind: request.kind, reason: 'reason' in request ? request.reason : null, details: details(request, c), bulkJobId })),
    );
    const todo = candidates.filter((c) => inserted.has(c.id));
    const ids = todo.map((c) => c.id);
    const actor = `staff:${staffId}`;
    const emails: EmailRequest[] = [];
    switch (request.kind) {
      case 'approve':
      case 'reject': {
        const moved = await this.claims.moveStatuses(tx, todo.map((c) => ({ claimId: c.id, from: c.status, to: TARGET[request.kind]! })), actor, request.kind === 'approve' ? 'approved' : `rejected:${request.code}`);
        await this.review.markDecided(tx, moved.map((m) => m.claimId));
        const template = request.kind === 'approve' ? 'claim-approved' : 'claim-rejected';
        const byId = new Map(todo.map((c) => [c.id, c]));
        for (const m of moved) emails.push({ claimId: m.claimId, template, locale: byId.get(m.claimId)!.locale, dedupeKey: `${template}:${m.claimId}` });
        break;
      }
      case 'request_information': {
        const facts = await this.review.recordStaffRequest(tx, ids);
        await this.claims.saveAssessments(tx, todo.map((c) => staffRequestAssessment(assessments!.get(c.id)!, facts.get(c.id)!, request.items, request.cureBy)));
        await this.claims.moveStatuses(tx, todo.filter((c) => c.status !== 'needs_information').map((c) => ({ claimId: c.id, from: c.status, to: 'needs_information' as const })), actor, 'staff-request');
        for (const c of todo) emails.push({ claimId: c.id, template: 'claim-needs-information', locale: c.locale, dedupeKey: `claim-needs-information:${c.id}:${facts.get(c.id)}` });
        break;
      }
      case 'override_estimate':
        for (const c of todo) {
          await this.review.overrideEstimate(tx, c.id, request.amountWon);
          if (c.estimateWon !== request.amountWon) emails.push({ claimId: c.id, template: 'claim-amount-changed', locale: c.locale, dedupeKey: `claim-amount-changed:${c.id}:${inserted.get(c.id)}` });
        }
        break;
      case 'assign':
        await this.review.setAssignee(tx, ids, request.assigneeId);
        break;
      case 'resolve_flags':
        for (const id of ids) await this.review.resolveFlags(tx, id, staffId);
        break;
    }
    await this.notifications.requestEmails(tx, emails);
    const done = new Set(ids);
    return { decided: ids, skipped: claimIds.filter((id) => !done.has(id)) };
  }
}

/** What a decision row records beyond its kind and reason: enough to read the timeline without the claim. */
function details(request: DecisionRequest, claim: DecidableClaim): Record<string, unknown> {
  switch (request.kind) {
    case 'approve':
      return { from: claim.status };
    case 'reject':
      return { from: claim.status, code: request.code };
    case 'request_information':
      return { from: claim.status, items: request.items, cureBy: request.cureBy };
    case 'override_estimate':
      return { fromWon: claim.estimateWon, toWon: request.amountWon };
    case 'assign':
      return { assigneeId: request.assigneeId };
    case 'resolve_flags':
      return {};
  }
}
