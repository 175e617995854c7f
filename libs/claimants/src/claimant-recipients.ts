import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CasesService } from '@app/cases';
import { AppConfig } from '@app/config';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { Locale, Recipient, RecipientDirectory, SEND_EMAIL } from '@app/notifications';
import { ClaimsRepository } from './claims.repository';
import { PersonalData } from './personal-data';
import { statusUrl } from './status-link';

type Key = { firmId: string; claimId: string; locale: Locale };
type Person = Omit<Recipient, 'caseTitle' | 'firmName'> & { caseId: string };

/**
 * Tells the notifications module who a claim's email goes to. The sends in flight are
 * gathered into one load and one access-log record per firm, as the assessment does.
 */
@Injectable()
export class ClaimantRecipients extends RecipientDirectory {
  private readonly loader = new DataLoader<Key, Person | null, string>((keys) => this.loadBatch(keys), {
    cache: false,
    maxBatchSize: 100,
    batchScheduleFn: (run) => setTimeout(run, 2),
  });

  constructor(
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly personalData: PersonalData,
    private readonly tokens: SignedTokens,
    private readonly cases: CasesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async lookup(firmId: string, claimId: string, locale: Locale): Promise<Recipient | null> {
    const person = await this.loader.load({ firmId, claimId, locale });
    if (!person) return null;
    const kase = await this.cases.findById(person.caseId);
    if (!kase) return null;
    const { caseId: _, ...recipient } = person;
    const en = locale === 'en';
    return { ...recipient, caseTitle: en ? kase.titleEn : kase.titleKo, firmName: en ? kase.firm.nameEn : kase.firm.nameKo };
  }

  private async loadBatch(keys: readonly Key[]): Promise<(Person | null | Error)[]> {
    const byFirm = new Map<string, string[]>();
    for (const { firmId, claimId } of keys) byFirm.set(firmId, [...(byFirm.get(firmId) ?? []), claimId]);
    const found = new Map<string, Person | Error>();
    await Promise.all(
      [...byFirm].map(async ([firmId, claimIds]) => {
        try {
          for (const [claimId, recipient] of await this.loadForFirm(firmId, claimIds)) found.set(claimId, recipient);
        } catch (error) {
          for (const id of claimIds) found.set(id, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return keys.map((k) => found.get(k.claimId) ?? null);
  }

  private async loadForFirm(firmId: string, claimIds: string[]): Promise<Map<string, Person>> {
    const claims = await this.scope.run(firmId, (tx) => this.claims.findWithClaimants(tx, claimIds));
    const people = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: SEND_EMAIL.name },
      'claimant.read',
      claims.map((c) => ({ claimant: c.claimant })),
      ['name', 'email'],
    );
    return new Map(
      claims.map((claim, i) => [
        claim.id,
        {
          caseId: claim.caseId,
          email: people[i].email,
          recipientName: people[i].name,
          claimNumber: claim.claimNumber,
          statusUrl: statusUrl(this.tokens, this.config.PUBLIC_BASE_URL, { firmId, claimId: claim.id }),
        },
      ]),
    );
  }
}
