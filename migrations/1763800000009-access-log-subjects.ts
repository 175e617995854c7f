import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people one access-log row covers when a staff member exports many at once (a batch's
 * plaintiff list). The chain stays one row per page of an export, so a million-row list is a few
 * hundred chained rows instead of a million, while each person's read stays findable: "who read
 * my data" is their own rows plus the rows this table names them under. Written in the same
 * transaction as the access-log row, before the page is decrypted; append-only like the log.
 */
export class AccessLogSubjects1763800000009 implements MigrationInterface {
  name = 'AccessLogSubjects1763800000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log_subjects (
        access_log_id  bigint NOT NULL REFERENCES access_log(id),
        firm_id        uuid NOT NULL,
        claimant_id    uuid NOT NULL REFERENCES claimants(id),
        PRIMARY KEY (access_log_id, claimant_id)
      )`);
    await q.query(`CREATE INDEX access_log_subjects_claimant_idx ON access_log_subjects (claimant_id)`);
    await q.query(`ALTER TABLE access_log_subjects ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY access_log_subjects_firm ON access_log_subjects USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`CREATE TRIGGER access_log_subjects_no_update BEFORE UPDATE OR DELETE ON access_log_subjects FOR EACH ROW EXECUTE FUNCTION access_log_append_only()`);
    await q.query(`GRANT SELECT, INSERT ON access_log_subjects TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log_subjects`);
  }
}
