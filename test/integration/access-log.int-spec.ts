import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AccessLog, ChainVerifier, VerifyChainHandler } from '@app/audit';
import { CaseSeeder, DEMO_CASE_ID, DEMO_DEFINITION, DEMO_FIRM, DEMO_FIRM_ID } from '@app/cases';
import { FirmScope } from '@app/database';
import { TestStack } from '../support/test-app';

const VERIFY = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'verify-access-log.js');
const run = promisify(execFile);

/** The PIPA access log: the five fields, one chain per firm, and no way to edit history unseen. */
describe('access log', () => {
  let stack: TestStack;
  let log: AccessLog;
  let chainOf: ChainVerifier;
  const SUBJECT = '0190f5a0-0000-7000-8000-00000000a001';

  beforeAll(async () => {
    stack = await TestStack.start();
    log = stack.api.get(AccessLog);
    chainOf = stack.api.get(ChainVerifier);
    // A claimant row to refer to (subject_claimant_id is a foreign key).
    await stack.query(
      `INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, email_hash, phone_hash)
       SELECT $1, firm_id, id, '\\x01', '\\x01', '\\x01', '\\x01', '\\x01', decode(repeat('aa', 32), 'hex'), decode(repeat('bb', 32), 'hex')
         FROM cases WHERE id = $2`,
      [SUBJECT, DEMO_CASE_ID],
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const rows = (firmId = DEMO_FIRM_ID) =>
    stack.query(
      `SELECT id, chain_seq::int AS seq, actor_type, actor_id, host(ip) AS ip, subject_claimant_id, subject_count, action, fields, reason,
              encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash
         FROM access_log WHERE firm_id = $1 ORDER BY chain_seq`,
      [firmId],
    );

  it('records a staff read per person with who, why and from where, and a system batch as one row with its count', async () => {
    await log.record(DEMO_FIRM_ID, {
      accessor: { kind: 'staff', staffId: 'staff:paralegal-1', ip: '203.0.113.7', reason: '1차 소 제기 원고 확인' },
      action: 'claimant.read',
      subjects: [SUBJECT],
      fields: ['phone', 'name'],
    });
    await log.record(DEMO_FIRM_ID, { accessor: { kind: 'system', job: 'assess-claim' }, action: 'claimant.read', subjects: [SUBJECT, SUBJECT, SUBJECT], fields: ['name'] });
    const [staff, system] = (await rows()).slice(-2);
    expect(staff).toMatchObject({
      actor_type: 'staff', actor_id: 'staff:paralegal-1', ip: '203.0.113.7', subject_claimant_id: SUBJECT, subject_count: 1,
      action: 'claimant.read', fields: ['name', 'phone'], reason: '1차 소 제기 원고 확인',
    });
    expect(system).toMatchObject({ actor_type: 'system', actor_id: 'assess-claim', ip: null, subject_claimant_id: null, subject_count: 3 });
    // Chained: each row follows the one before it.
    expect(system.seq).toBe(staff.seq + 1);
    expect(system.prev).toBe(staff.hash);
  });

  it('keeps one gapless chain per firm under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        log.record(DEMO_FIRM_ID, { accessor: { kind: 'system', job: `burst-${i}` }, action: 'claimant.read', subjects: [SUBJECT], fields: ['email'] }),
      ),
    );
    const chain = await rows();
    expect(chain.map((r) => r.seq)).toEqual(chain.map((_, i) => i + 1));
    for (let i = 1; i < chain.length; i++) expect(chain[i].prev).toBe(chain[i - 1].hash);
    const report = await chainOf.verifyAll(DEMO_FIRM_ID);
    expect(report).toEqual({ firmId: DEMO_FIRM_ID, rows: chain.length, head: { seq: String(chain.length), hash: chain.at(-1).hash }, firstBreak: null, since: null, remaining: 0 });
  });

  it('refuses to update or delete an entry, even for the owner', async () => {
    const before = (await rows()).length;
    await expect(stack.query(`UPDATE access_log SET actor_id = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(stack.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
    expect((await rows()).length).toBe(before);
  });

  it('names the first row that was changed behind the triggers, and the verify command fails on it', async () => {
    // A firm of its own, so breaking its chain leaves the other tests' firm alone.
    const firmId = '0190f5a0-0000-7000-8000-0000000000b1';
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: firmId, slug: 'tamper-test' }, [{ id: '0190f5a0-0000-7000-8000-0000000000b2', definition: { ...DEMO_DEFINITION, slug: 'tamper-test' } }]);
    for (let i = 0; i < 6; i++) {
      await log.record(firmId, { accessor: { kind: 'system', job: `job-${i}` }, action: 'claimant.read', subjects: [SUBJECT], fields: ['name'] });
    }
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: stack.db.appUrl };
    const clean = await run(process.execPath, [VERIFY], { env });
    expect(clean.stdout).toContain(`firm ${firmId}: ok, 6 rows, head seq 6 hash `);
    expect(clean.stdout).toMatch(new RegExp(`firm ${DEMO_FIRM_ID}: ok, \\d+ rows`));

    const chain = await rows(firmId);
    const victim = chain[3];
    // Someone with the owner's rights edits history, switching the append-only trigger off to do it.
    await stack.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update`);
    try {
      await stack.query(`UPDATE access_log SET reason = 'nothing to see' WHERE id = $1`, [victim.id]);
      const edited = await chainOf.verifyAll(firmId);
      expect(edited.firstBreak).toEqual({ id: victim.id, chainSeq: String(victim.seq), problem: 'row does not match its hash' });
      expect(edited.rows).toBe(3);

      // Recomputing the edited row's hash moves the break to the next row, whose link no longer holds.
      await stack.query(`UPDATE access_log SET hash = sha256(prev_hash || convert_to(access_log_canonical(access_log), 'UTF8')) WHERE id = $1`, [victim.id]);
      expect((await chainOf.verifyAll(firmId)).firstBreak).toEqual({ id: chain[4].id, chainSeq: String(chain[4].seq), problem: 'previous hash does not match' });

      const broken = await run(process.execPath, [VERIFY], { env }).then(
        () => null,
        (error: { code: number; stdout: string }) => error,
      );
      expect(broken?.code).toBe(1);
      expect(broken?.stdout).toContain(`firm ${firmId}: BROKEN at access_log id ${chain[4].id} (chain seq 5): previous hash does not match`);
      expect(broken?.stdout).toMatch(new RegExp(`firm ${DEMO_FIRM_ID}: ok`));

      // A deleted row leaves a gap in the sequence.
      await stack.query(`DELETE FROM access_log WHERE id = $1`, [chain[1].id]);
      expect((await chainOf.verifyAll(firmId)).firstBreak).toEqual({ id: chain[2].id, chainSeq: String(chain[2].seq), problem: 'sequence gap' });
    } finally {
      await stack.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_no_update`);
    }
  });

  describe('verification since the last verified head', () => {
    // A firm of its own per test: each one edits or deletes rows behind the triggers.
    let n = 0;
    const freshFirm = async (records: number) => {
      n++;
      const firmId = `0190f5a0-0000-7000-8000-0000000000${(0xc0 + n * 2).toString(16)}`;
      const caseId = `0190f5a0-0000-7000-8000-0000000000${(0xc1 + n * 2).toString(16)}`;
      await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: firmId, slug: `checkpoint-${n}` }, [{ id: caseId, definition: { ...DEMO_DEFINITION, slug: `checkpoint-${n}` } }]);
      await append(firmId, records);
      return firmId;
    };
    const append = async (firmId: string, count: number) => {
      for (let i = 0; i < count; i++) await log.record(firmId, { accessor: { kind: 'system', job: `job-${i}` }, action: 'claimant.read', subjects: [SUBJECT], fields: ['name'] });
    };
    const behindTheTriggers = async (sql: string, params: unknown[]) => {
      await stack.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update`);
      try {
        await stack.query(sql, params);
      } finally {
        await stack.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_no_update`);
      }
    };
    const verifications = (firmId: string) =>
      stack.query(`SELECT kind, from_seq::int AS "from", rows::int, head_seq::int AS head, break_seq::int AS "break", break_problem AS problem FROM access_log_verifications WHERE firm_id = $1 ORDER BY id`, [firmId]);

    it('reads only the rows written since the last verification, continuing from its head, at most a bounded number a visit', async () => {
      const firmId = await freshFirm(4);
      const first = await chainOf.verifySinceCheckpoint(firmId, null);
      expect(first).toMatchObject({ rows: 4, head: { seq: '4' }, firstBreak: null, since: null, remaining: 0 });
      await append(firmId, 3);
      const second = await chainOf.verifySinceCheckpoint(firmId, null);
      expect(second).toMatchObject({ rows: 3, head: { seq: '7' }, firstBreak: null, since: { seq: '4' }, remaining: 0 });
      // Nothing new: the head it started from is the head, and no record is added.
      const third = await chainOf.verifySinceCheckpoint(firmId, null);
      expect(third).toMatchObject({ rows: 0, head: { seq: '7' }, firstBreak: null, since: { seq: '7' } });
      // More than a visit reads: it stops at its bound, says how many are left, and the next goes on from there.
      await append(firmId, 5);
      expect(await chainOf.verifySinceCheckpoint(firmId, null, 2)).toMatchObject({ rows: 2, head: { seq: '9' }, remaining: 3 });
      expect(await chainOf.verifySinceCheckpoint(firmId, null, 2)).toMatchObject({ rows: 2, head: { seq: '11' }, since: { seq: '9' }, remaining: 1 });
      expect(await chainOf.verifySinceCheckpoint(firmId, null, 2)).toMatchObject({ rows: 1, head: { seq: '12' }, remaining: 0 });
      expect(await verifications(firmId)).toEqual([
        { kind: 'since_checkpoint', from: 0, rows: 4, head: 4, break: null, problem: null },
        { kind: 'since_checkpoint', from: 4, rows: 3, head: 7, break: null, problem: null },
        { kind: 'since_checkpoint', from: 7, rows: 2, head: 9, break: null, problem: null },
        { kind: 'since_checkpoint', from: 9, rows: 2, head: 11, break: null, problem: null },
        { kind: 'since_checkpoint', from: 11, rows: 1, head: 12, break: null, problem: null },
      ]);
      expect((await chainOf.fullVerifications(firmId)).last).toBeNull();
      // A finished verification is never rewritten, not even by the owner.
      await expect(stack.query(`UPDATE access_log_verifications SET rows = 0 WHERE firm_id = $1`, [firmId])).rejects.toThrow(/finished verification/);
    });

    it("recomputes the whole chain in the worker when asked, once at a time, and records what it found", async () => {
      const firmId = await freshFirm(6);
      const auditor = '0190f5a0-0000-7000-8000-00000000f002';
      const asked = await chainOf.requestFull(firmId, auditor);
      expect(asked.started).toBe(true);
      // Asking again while it runs finds the same one; the job is queued once, through the outbox.
      expect(await chainOf.requestFull(firmId, auditor)).toEqual({ id: asked.id, started: false });
      const queued = await stack.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'audit.chain-verification-requested' AND aggregate_id = $1`, [asked.id]);
      expect(queued[0].n).toBe(1);
      expect((await chainOf.fullVerifications(firmId)).running).toMatchObject({ id: asked.id, status: 'running', rows: 0, verifiedBy: auditor });
      await stack.api.get(VerifyChainHandler).handle({ verificationId: asked.id, firmId });
      const { last, running } = await chainOf.fullVerifications(firmId);
      expect(running).toBeNull();
      expect(last).toMatchObject({ id: asked.id, status: 'done', rows: 6, headSeq: '6', firstBreak: null, verifiedBy: auditor });
      // Its head is a checkpoint for the next visit; running it again changes nothing.
      expect(await chainOf.verifySinceCheckpoint(firmId, null)).toMatchObject({ rows: 0, since: { seq: '6' } });
      await stack.api.get(VerifyChainHandler).handle({ verificationId: asked.id, firmId });
      expect((await chainOf.fullVerifications(firmId)).last).toEqual(last);
    });

    it('finds rows deleted from the end of the chain, which a recomputation from the first row cannot see', async () => {
      const firmId = await freshFirm(5);
      await chainOf.verifySinceCheckpoint(firmId, null);
      const chain = await rows(firmId);
      await behindTheTriggers(`DELETE FROM access_log WHERE firm_id = $1 AND chain_seq >= 4`, [firmId]);
      // The rest of the chain still links up from its first row...
      expect((await chainOf.verifyAll(firmId)).firstBreak).toBeNull();
      // ...but the verified head at seq 5 is gone.
      const report = await chainOf.verifySinceCheckpoint(firmId, null);
      expect(report.firstBreak).toEqual({ id: null, chainSeq: '5', problem: 'verified row is missing' });
      expect(chain).toHaveLength(5);
      expect((await verifications(firmId)).at(-1)).toMatchObject({ kind: 'since_checkpoint', break: 5, problem: 'verified row is missing', head: null });
    });

    it('finds a verified head that was edited, and an edit behind it only in the full recomputation, whose break it then keeps showing', async () => {
      const firmId = await freshFirm(5);
      await chainOf.verifySinceCheckpoint(firmId, null);
      const chain = await rows(firmId);
      // An edit before the head: the visit reads only what follows the head, and cannot see it.
      await behindTheTriggers(`UPDATE access_log SET reason = 'nothing to see' WHERE id = $1`, [chain[1].id]);
      await append(firmId, 1);
      expect((await chainOf.verifySinceCheckpoint(firmId, null)).firstBreak).toBeNull();
      const full = await chainOf.verifyAll(firmId, '0190f5a0-0000-7000-8000-00000000f001');
      expect(full.firstBreak).toEqual({ id: chain[1].id, chainSeq: '2', problem: 'row does not match its hash' });
      expect((await chainOf.fullVerifications(firmId)).last).toMatchObject({ rows: 1, headSeq: null, verifiedBy: '0190f5a0-0000-7000-8000-00000000f001', firstBreak: full.firstBreak });
      // The head itself edited: the next visit names it.
      const [head] = await stack.query(`SELECT id FROM access_log WHERE firm_id = $1 AND chain_seq = 6`, [firmId]);
      await behindTheTriggers(`UPDATE access_log SET actor_id = 'someone-else' WHERE id = $1`, [head.id]);
      expect((await chainOf.verifySinceCheckpoint(firmId, null)).firstBreak).toEqual({ id: head.id, chainSeq: '6', problem: 'verified row was changed' });
      // Even with its hash recomputed to match, the row is not the one that was verified.
      await behindTheTriggers(`UPDATE access_log SET hash = sha256(prev_hash || convert_to(access_log_canonical(access_log), 'UTF8')) WHERE id = $1`, [head.id]);
      expect((await chainOf.verifySinceCheckpoint(firmId, null)).firstBreak).toEqual({ id: head.id, chainSeq: '6', problem: 'verified row was changed' });
    });

    it("keeps each firm's verifications to that firm", async () => {
      const firmId = await freshFirm(2);
      await chainOf.verifyAll(firmId);
      const [{ n }] = await stack.query(
        `SELECT count(*)::int AS n FROM access_log_verifications WHERE firm_id = $1`, [firmId],
      );
      expect(n).toBe(1);
      // Through the application's role, inside another firm's scope, the row is not there.
      const seen = await stack.api.get(FirmScope).run(DEMO_FIRM_ID, (tx) => tx.manager.query(`SELECT count(*)::int AS n FROM access_log_verifications WHERE firm_id = $1`, [firmId]));
      expect(seen[0].n).toBe(0);
    });
  });
});
