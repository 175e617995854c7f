import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * version_previews: a dry run of re-scoring a case under a saved version before an admin
 * activates it. A job walks the case's claims in id order like a re-scoring run, writing nothing
 * but this row: its cursor and running tallies (one chunk at a time, committed with the cursor,
 * so a killed job resumes and a repeated chunk counts nothing twice), then its status 'done'.
 * The tallies: verdict moves (from -> to, open claims), amounts changed and the totals before and
 * after, status moves, and decided claims that would only be flagged.
 */
export class VersionPreviews1763800000008 implements MigrationInterface {
  name = 'VersionPreviews1763800000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE version_previews (
        id            uuid PRIMARY KEY,
        firm_id       uuid NOT NULL REFERENCES firms(id),
        case_id       uuid NOT NULL REFERENCES cases(id),
        -- The version in force when the preview was asked for, and the candidate.
        from_version  integer,
        to_version    integer NOT NULL,
        status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done')),
        -- Counted by the job's first step (null until then): a million-row count has no place in a request.
        total         integer,
        done          integer NOT NULL DEFAULT 0,
        tally         jsonb NOT NULL DEFAULT '{}',
        cursor        uuid,
        requested_by  uuid NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        FOREIGN KEY (case_id, to_version) REFERENCES case_versions (case_id, version)
      )`);
    await q.query(`CREATE INDEX version_previews_case_idx ON version_previews (case_id, created_at)`);
    await q.query(`CREATE INDEX version_previews_running_idx ON version_previews (firm_id, updated_at) WHERE status = 'running'`);
    await q.query(`ALTER TABLE version_previews ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY version_previews_firm ON version_previews USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON version_previews TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE version_previews`);
  }
}
