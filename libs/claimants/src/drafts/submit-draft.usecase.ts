import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { isIntakeOpen } from '@app/cases';
import { ApiException } from '@app/http';
import { ClaimIntake, type SubmitClaimResult } from '../claim-intake';
import { parseEmailAddress } from '../validation/email-address';
import { DraftAccess } from './draft-access';

/**
 * Files a finished draft as a claim, through the same intake as the JSON API: the claim takes
 * the draft's id (so its uploads are already the claim's), and the same draft filed twice (a
 * double tap, a retry after a lost answer) is the same claim.
 */
@Injectable()
export class SubmitDraft {
  constructor(
    private readonly access: DraftAccess,
    private readonly intake: ClaimIntake,
  ) {}

  async execute(command: { session: unknown; caseSlug: string; locale: 'ko' | 'en'; ip: string }): Promise<SubmitClaimResult> {
    const opened = await this.access.open(command.session, command.caseSlug).catch((error: unknown) => {
      // Filed a moment ago (a double tap): answer with that claim.
      if (error instanceof ApiException && error.messageKey === 'draft.submitted') return null;
      throw error;
    });
    if (!opened) return this.replayed(command);
    const { kase, data } = opened;
    if (!isIntakeOpen(kase)) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
    const progress = this.access.progress(opened, command.locale);
    if (progress.current !== 'review') throw new ApiException(HttpStatus.CONFLICT, 'draft.incomplete', [], { step: progress.current });
    const email = parseEmailAddress(opened.email)!;
    const signature = data.signature!;
    return this.intake.submit({
      kase,
      claimId: opened.draft.id,
      claimant: { ...data.claimant!, email },
      guardian: data.filer === 'guardian' ? data.guardian! : null,
      answers: data.answers!,
      consents: data.consents!.granted,
      language: signature.language,
      locale: command.locale,
      signature: { typedName: signature.typedName, signedAt: new Date(signature.signedAt), ip: signature.ip, userAgent: signature.userAgent },
      idempotencyKey: `draft-${opened.draft.id}`,
      fingerprintSource: `draft:${opened.draft.id}:${createHash('sha256').update(JSON.stringify(data)).digest('hex')}`,
      submittedIp: command.ip,
    });
  }

  /** The claim a draft became, found by the draft's idempotency key. */
  private async replayed(command: { session: unknown; caseSlug: string }): Promise<SubmitClaimResult> {
    const claim = await this.access.claimOf(command.session, command.caseSlug);
    if (!claim) throw new ApiException(HttpStatus.UNAUTHORIZED, 'draft.sessionInvalid');
    return { claimId: claim.id, claimNumber: claim.claimNumber, status: claim.status, replayed: true };
  }
}
