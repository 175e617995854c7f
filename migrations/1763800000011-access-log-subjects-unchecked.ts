import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Logging an export page cheaper per person: most of a million-row plaintiff list's database
 * time went into writing the 2,000 people each page's access-log row names (bench:staff-filing).
 *
 * - The two foreign keys go. The people are written in one statement, in the same transaction
 *   as their access-log row, from the ids of the claimants the page has just read: neither
 *   reference can be wrong by construction, and each cost a referential check per person.
 * - One index instead of two. The only question asked of this table is "which exports covered
 *   this person" (the access-log page's claimant filter), so the key leads with the claimant and
 *   the separate claimant index goes.
 *
 * The table stays append-only (its trigger) and firm-scoped (its policy).
 */
export class AccessLogSubjectsUnchecked1763800000011 implements MigrationInterface {
  name = 'AccessLogSubjectsUnchecked1763800000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_log_subjects
        DROP CONSTRAINT access_log_subjects_access_log_id_fkey,
        DROP CONSTRAINT access_log_subjects_claimant_id_fkey,
        DROP CONSTRAINT access_log_subjects_pkey,
        ADD PRIMARY KEY (claimant_id, access_log_id)`);
    await q.query(`DROP INDEX access_log_subjects_claimant_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX access_log_subjects_claimant_idx ON access_log_subjects (claimant_id)`);
    await q.query(`
      ALTER TABLE access_log_subjects
        DROP CONSTRAINT access_log_subjects_pkey,
        ADD PRIMARY KEY (access_log_id, claimant_id),
        ADD FOREIGN KEY (access_log_id) REFERENCES access_log(id),
        ADD FOREIGN KEY (claimant_id) REFERENCES claimants(id)`);
  }
}
