import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { statusRef } from './claimant-link';
import { visibleStatus, visibleVerdict } from './claimant-view';
import { ClaimsRepository } from './claims.repository';
import { PersonalData, type PersonalField } from './personal-data';

/**
 * A claimant's copy of their data (PIPA's right of access), behind their status link: what
 * they gave us, the consents and the signature record with the hashes of the texts they saw,
 * and how the claim was assessed. Opening the personal fields is written to the access log as
 * the claimant's own read. Staff-only signals stay out, as on the status page.
 */
@Injectable()
export class MyDataQuery {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
    private readonly personalData: PersonalData,
  ) {}

  async byToken(token: unknown, ip: string | null) {
    const ref = statusRef(this.tokens, token);
    const record = await this.scope.run(ref.firmId, (tx) => this.claims.loadOwnRecord(tx, ref.claimId));
    if (!record || record.claim.statusLinkVersion !== ref.version || !record.signature) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.statusLinkInvalid');
    const { claim, signature, consents, assessments, guardian } = record;
    // Since the claimant web a signature keeps the mandate exactly as shown, and a minor's claim its guardian.
    const fields: PersonalField[] = ['name', 'birthDate', 'email', 'phone', 'address', 'signedName', 'signatureIp'];
    if (signature.documentTextEnc) fields.push('mandateText');
    if (guardian) fields.push('guardianName', 'guardianBirthDate', 'guardianPhone');
    const [you] = await this.personalData.reveal(
      ref.firmId,
      { kind: 'claimant', claimantId: claim.claimant.id, ip },
      'claimant.export',
      [{ claimant: claim.claimant, signature, guardian: guardian ?? undefined }],
      fields,
    );
    const kase = await this.cases.findById(claim.caseId);
    const latest = assessments.at(-1) ?? null;
    return {
      exportedAt: new Date().toISOString(),
      claimNumber: claim.claimNumber,
      case: kase ? { slug: kase.slug, title: kase.definition.title } : null,
      you: { name: you.name, birthDate: you.birthDate, email: you.email, phone: you.phone, address: JSON.parse(you.address) as unknown },
      guardian: guardian ? { name: you.guardianName, birthDate: you.guardianBirthDate, phone: you.guardianPhone, relation: guardian.relation } : null,
      claim: {
        status: visibleStatus(claim.status, latest),
        submittedAt: claim.createdAt,
        answers: claim.answers,
        caseVersion: claim.caseVersion,
        questionnaireVersion: claim.questionnaireVersion,
      },
      consents: consents.map((c) => ({ purpose: c.purpose, granted: c.granted, version: c.version, language: c.textLanguage, textSha256: c.textSha256.toString('hex'), at: c.at })),
      signature: {
        document: 'mandate',
        version: signature.documentVersion,
        language: signature.documentLanguage,
        textSha256: signature.documentSha256.toString('hex'),
        signedAt: signature.signedAt,
        signer: signature.signer,
        typedName: you.signedName,
        ip: you.signatureIp,
        userAgent: signature.userAgent,
        text: you.mandateText ?? null,
      },
      assessments: assessments.map((a) => ({
        at: a.createdAt,
        trigger: a.trigger,
        verdict: visibleVerdict(a),
        estimateWon: a.estimateWon,
        rulesVersion: a.rulesVersion,
        modelVersion: a.modelVersion,
      })),
    };
  }
}
