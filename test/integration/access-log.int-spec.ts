import { DEMO_FIRM_ID, seedDemoCase } from '@app/cases';
import { AccessLog } from '@app/staff';
import { TestDatabase } from '../support/test-database';

/** The PIPA access log: the five fields, and no way to edit history. */
describe('access log', () => {
  let db: TestDatabase;
  let log: AccessLog;

  beforeAll(async () => {
    db = await TestDatabase.create();
    await seedDemoCase(db.dataSource);
    log = new AccessLog(db.dataSource);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('records who read what, when, from where', async () => {
    await log.record([
      { firmId: DEMO_FIRM_ID, actorType: 'staff', actorId: 'staff:paralegal-1', ip: '203.0.113.7', subjectClaimantId: null, action: 'claims.export', reason: '1차 소 제기 원고 목록' },
    ]);
    const rows = await db.dataSource.query(`SELECT actor_type, actor_id, host(ip) AS ip, action, reason, at FROM access_log`);
    expect(rows).toEqual([
      { actor_type: 'staff', actor_id: 'staff:paralegal-1', ip: '203.0.113.7', action: 'claims.export', reason: '1차 소 제기 원고 목록', at: expect.any(Date) },
    ]);
  });

  it('refuses to update or delete an entry', async () => {
    await expect(db.dataSource.query(`UPDATE access_log SET actor_id = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM access_log`))[0].n).toBe(1);
  });
});
