import { DEMO_FIRM_ID } from '@app/cases';
import { FieldCipher } from '@app/crypto';
import { FirmScope, TenantDirectory } from '@app/database';
import { QueueRegistry, Reconciler } from '@app/queue';
import { SealPartyHandler } from '../../libs/claimants/src/party/seal-party.handler';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Claimants taken in before party records (migration 0013) get theirs in the background: the
 * reconciler finds them and a job seals name, birth date and address together from the three
 * columns, recorded as a system read. A claimant who has one is left as they are.
 */
describe('party records for earlier claimants', () => {
  let stack: TestStack;
  const reconciler = () => new Reconciler(stack.api.get(FirmScope), stack.api.get(TenantDirectory), stack.api.get(QueueRegistry), { intervalMs: 60_000, staleAfterSeconds: 1, limit: 100 });
  const PASS = 'claimants without a party record';

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('seals the record of a claimant who has none, once, and leaves one who has it alone', async () => {
    const earlier = validClaim({ name: '오래된' });
    const [a, b] = [await submitClaim(stack.api, earlier), await submitClaim(stack.api, validClaim({ name: '새로운' }))];
    expect([a.status, b.status]).toEqual([201, 201]);
    const claimantOf = async (claimId: string) => (await stack.query(`SELECT c.id, c.party_enc AS "partyEnc" FROM claimants c JOIN claims cl ON cl.claimant_id = c.id WHERE cl.id = $1`, [claimId]))[0];
    const old = await claimantOf(a.body.claimId);
    const kept = await claimantOf(b.body.claimId);
    // As a claimant taken in before migration 0013 is.
    await stack.query(`UPDATE claimants SET party_enc = NULL WHERE id = $1`, [old.id]);
    await new Promise((r) => setTimeout(r, 1_100));

    expect((await reconciler().pass())[PASS]).toBe(1);
    await waitFor('the party record sealed', async () => (await claimantOf(a.body.claimId)).partyEnc !== null, 20_000);
    const sealed = (await claimantOf(a.body.claimId)).partyEnc as Buffer;
    const cipher = stack.api.get(FieldCipher);
    expect(JSON.parse(cipher.decrypt(sealed, `claimant:${old.id}:party`))).toEqual({ name: '오래된', birthDate: earlier.claimant.birthDate, address: { ...earlier.claimant.address } });
    // The other claimant's record is the one intake wrote.
    expect((await claimantOf(b.body.claimId)).partyEnc.equals(kept.partyEnc)).toBe(true);
    // Opened through the one door: one system row naming the job and the count.
    expect(await stack.query(`SELECT actor_type AS "actorType", actor_id AS "actorId", subject_count AS n, fields FROM access_log WHERE action = 'party.seal'`)).toEqual([
      { actorType: 'system', actorId: 'seal-party', n: 1, fields: ['address', 'birthDate', 'name'] },
    ]);
    // Nothing left to find; a repeated job changes nothing and opens nothing.
    expect((await reconciler().pass())[PASS]).toBe(0);
    await stack.api.get(SealPartyHandler).handle({ claimantId: old.id, firmId: DEMO_FIRM_ID });
    expect((await claimantOf(a.body.claimId)).partyEnc.equals(sealed)).toBe(true);
    expect(await stack.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'party.seal'`)).toEqual([{ n: 1 }]);
  });
});
