import { Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { SEAL_PARTY } from '../claims.queue';
import { PARTY_FIELDS, PersonalData } from '../personal-data';
import { PartyRecordsRepository } from './party-records.repository';

type Payload = PayloadOf<typeof SEAL_PARTY>;

/**
 * Seals a claimant's party record from their three columns, through the one door: the opening
 * is recorded as a system read (the job and the count), and the record is written only where
 * there is none yet, so a repeated job changes nothing. Read, record and write are three short
 * transactions one after another: a job never holds one connection while asking for another.
 */
@JobHandler(SEAL_PARTY)
@Injectable()
export class SealPartyHandler implements HandlesJob<Payload> {
  constructor(
    private readonly scope: FirmScope,
    private readonly records: PartyRecordsRepository,
    private readonly personalData: PersonalData,
  ) {}

  async handle({ claimantId, firmId }: Payload): Promise<void> {
    const claimant = await this.scope.run(firmId, (tx) => this.records.findUnsealedOne(tx, claimantId));
    if (!claimant) return;
    const [fields] = await this.personalData.reveal(firmId, { kind: 'system', job: SEAL_PARTY.name }, 'party.seal', [{ claimant }], PARTY_FIELDS, 'caller-commit');
    const sealed = this.personalData.sealParty(claimantId, fields);
    await this.scope.run(firmId, (tx) => this.records.seal(tx, claimantId, sealed));
  }
}
