import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims received per case and hour, kept by a trigger as claim_counts keeps its totals, for the
 * dashboard's per-day and per-hour charts and the weekly report. Counting them from claims meant
 * reading every claim of the last 30 days on every visit (about a second at a million claims,
 * bench:staff); this is at most 720 hours a month. Hours are UTC's, which are Seoul's too (no
 * daylight saving), so a Seoul day is the sum of 24 of them. Sixteen slots per hour, as in
 * claim_counts, so concurrent intakes in the same hour do not queue on one row.
 */
export class ClaimArrivals1763800000012 implements MigrationInterface {
  name = 'ClaimArrivals1763800000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim_arrivals (
        firm_id  uuid NOT NULL,
        case_id  uuid NOT NULL,
        hour     timestamptz NOT NULL,
        slot     smallint NOT NULL,
        claims   bigint NOT NULL,
        PRIMARY KEY (case_id, hour, slot)
      )`);
    await q.query(`
      CREATE FUNCTION claim_arrivals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_slot smallint := floor(random() * 16)::smallint;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO claim_arrivals AS a VALUES (OLD.firm_id, OLD.case_id, date_trunc('hour', OLD.created_at, 'UTC'), v_slot, -1)
            ON CONFLICT (case_id, hour, slot) DO UPDATE SET claims = a.claims - 1;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO claim_arrivals AS a VALUES (NEW.firm_id, NEW.case_id, date_trunc('hour', NEW.created_at, 'UTC'), v_slot, 1)
            ON CONFLICT (case_id, hour, slot) DO UPDATE SET claims = a.claims + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER claim_arrivals_insert AFTER INSERT OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claim_arrivals_apply()`);
    await q.query(`
      CREATE TRIGGER claim_arrivals_update AFTER UPDATE OF created_at, case_id ON claims FOR EACH ROW
        WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.case_id IS DISTINCT FROM NEW.case_id)
        EXECUTE FUNCTION claim_arrivals_apply()`);
    await q.query(`
      INSERT INTO claim_arrivals
      SELECT firm_id, case_id, date_trunc('hour', created_at, 'UTC'), 0, count(*) FROM claims GROUP BY 1, 2, 3`);
    await q.query(`ALTER TABLE claim_arrivals ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY claim_arrivals_firm ON claim_arrivals USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON claim_arrivals TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER claim_arrivals_update ON claims`);
    await q.query(`DROP TRIGGER claim_arrivals_insert ON claims`);
    await q.query(`DROP FUNCTION claim_arrivals_apply()`);
    await q.query(`DROP TABLE claim_arrivals`);
  }
}
