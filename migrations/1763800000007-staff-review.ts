import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff console's work: the review queue, decisions, notes, bulk decisions, batches,
 * exports and the access log's monthly review.
 *
 * - claims carry what the review queue filters and sorts on, written with each assessment and
 *   decision (so a page of the queue is one index range, never a join over assessments):
 *   the latest verdict, the amount in force (an attorney's override, else the estimate), the
 *   data tier the estimate read, the staff-only signals that held it (review_flags), how many
 *   flags await a person (open_flags), who it is assigned to, its batch, and when a person
 *   decided it. Indexes by case for each filter, each ending (created_at, id) for keyset pages.
 * - claim_counts: how many claims and how much money per case, status, verdict and flagged,
 *   kept by a trigger on claims, so the queue's counts and the dashboard's totals are a sum over
 *   a few hundred rows whatever the number of claims. Each change lands on one of 16 slots at
 *   random, so concurrent intake does not queue on one counter row.
 * - claim_decisions: every decision a person made on a claim (approve, reject, request
 *   information, override the estimate, assign), with its reason: the review's audit trail.
 * - claim_notes: internal notes, sealed (they may name people).
 * - bulk_jobs / bulk_job_items: a decision over a filtered selection, the selection fixed when
 *   it is confirmed, carried out by a job with progress.
 * - filing_batches: a filing round of approved claims; locked, then filed.
 * - export_records: every export of personal data (plaintiff lists, proof packs), with the
 *   reason asked for.
 * - access_reviews: the monthly review of the access log PIPA asks for.
 */
export class StaffReview1763800000007 implements MigrationInterface {
  name = 'StaffReview1763800000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claims
        ADD COLUMN verdict                text CHECK (verdict IN ('eligible','needs_information','manual_review','ineligible')),
        ADD COLUMN estimate_won           integer,
        ADD COLUMN data_tier              text,
        ADD COLUMN review_flags           text[] NOT NULL DEFAULT '{}',
        ADD COLUMN open_flags             integer NOT NULL DEFAULT 0,
        ADD COLUMN assignee_id            uuid,
        ADD COLUMN batch_id               uuid,
        ADD COLUMN estimate_override_won  integer,
        ADD COLUMN decided_at             timestamptz`);
    // Claims already assessed get their latest assessment's facts.
    await q.query(`
      UPDATE claims cl SET verdict = a.verdict, estimate_won = a.estimate_won, data_tier = a.estimate_inputs->>'tier',
             review_flags = COALESCE(ARRAY(SELECT r->>'rule' FROM jsonb_array_elements(a.reasons) r WHERE (r->>'staffOnly')::boolean AND r->>'outcome' <> 'eligible'), '{}')
        FROM (SELECT DISTINCT ON (claim_id) * FROM claim_assessments ORDER BY claim_id, id DESC) a
       WHERE a.claim_id = cl.id`);
    await q.query(`UPDATE claims cl SET open_flags = f.n FROM (SELECT claim_id, count(*)::int AS n FROM claim_flags WHERE resolved_at IS NULL GROUP BY claim_id) f WHERE f.claim_id = cl.id`);

    await q.query(`CREATE INDEX claims_queue_received_idx ON claims (case_id, created_at, id)`);
    await q.query(`CREATE INDEX claims_queue_verdict_idx ON claims (case_id, verdict, created_at, id)`);
    await q.query(`CREATE INDEX claims_queue_tier_idx ON claims (case_id, data_tier, created_at, id)`);
    await q.query(`CREATE INDEX claims_queue_assignee_idx ON claims (case_id, assignee_id, created_at, id) WHERE assignee_id IS NOT NULL`);
    await q.query(`CREATE INDEX claims_queue_flagged_idx ON claims (case_id, created_at, id) WHERE open_flags > 0 OR review_flags <> '{}'`);
    await q.query(`CREATE INDEX claims_queue_changed_idx ON claims (case_id, status_changed_at, id)`);
    await q.query(`CREATE INDEX claims_queue_amount_idx ON claims (case_id, estimate_won, id)`);
    await q.query(`CREATE INDEX claims_batch_idx ON claims (batch_id, created_at, id) WHERE batch_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE claim_counts (
        firm_id       uuid NOT NULL,
        case_id       uuid NOT NULL,
        status        text NOT NULL,
        verdict       text NOT NULL,
        flagged       boolean NOT NULL,
        slot          smallint NOT NULL,
        claims        bigint NOT NULL,
        estimate_won  bigint NOT NULL,
        PRIMARY KEY (case_id, status, verdict, flagged, slot)
      )`);
    await q.query(`
      CREATE FUNCTION claim_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_slot smallint := floor(random() * 16)::smallint;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO claim_counts AS c VALUES (OLD.firm_id, OLD.case_id, OLD.status, COALESCE(OLD.verdict, ''), OLD.open_flags > 0 OR OLD.review_flags <> '{}', v_slot, -1, -COALESCE(OLD.estimate_won, 0))
            ON CONFLICT (case_id, status, verdict, flagged, slot) DO UPDATE SET claims = c.claims - 1, estimate_won = c.estimate_won + EXCLUDED.estimate_won;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO claim_counts AS c VALUES (NEW.firm_id, NEW.case_id, NEW.status, COALESCE(NEW.verdict, ''), NEW.open_flags > 0 OR NEW.review_flags <> '{}', v_slot, 1, COALESCE(NEW.estimate_won, 0))
            ON CONFLICT (case_id, status, verdict, flagged, slot) DO UPDATE SET claims = c.claims + 1, estimate_won = c.estimate_won + EXCLUDED.estimate_won;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER claim_counts_insert AFTER INSERT OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claim_counts_apply()`);
    await q.query(`
      CREATE TRIGGER claim_counts_update AFTER UPDATE OF status, verdict, estimate_won, open_flags, review_flags ON claims FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.verdict IS DISTINCT FROM NEW.verdict OR OLD.estimate_won IS DISTINCT FROM NEW.estimate_won
              OR (OLD.open_flags > 0 OR OLD.review_flags <> '{}') IS DISTINCT FROM (NEW.open_flags > 0 OR NEW.review_flags <> '{}'))
        EXECUTE FUNCTION claim_counts_apply()`);
    await q.query(`
      INSERT INTO claim_counts
      SELECT firm_id, case_id, status, COALESCE(verdict, ''), open_flags > 0 OR review_flags <> '{}', 0, count(*), COALESCE(sum(estimate_won), 0)
        FROM claims GROUP BY 1, 2, 3, 4, 5`);

    await q.query(`
      CREATE TABLE claim_decisions (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        firm_id     uuid NOT NULL,
        claim_id    uuid NOT NULL REFERENCES claims(id),
        staff_id    uuid NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('approve','reject','request_information','override_estimate','assign','resolve_flags')),
        reason      text,
        details     jsonb NOT NULL DEFAULT '{}',
        -- A bulk decision's items, so a retried chunk decides nothing twice.
        bulk_job_id uuid,
        at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_decisions_claim_idx ON claim_decisions (claim_id, id)`);
    await q.query(`CREATE UNIQUE INDEX claim_decisions_bulk_uq ON claim_decisions (bulk_job_id, claim_id) WHERE bulk_job_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE claim_notes (
        id          uuid PRIMARY KEY,
        firm_id     uuid NOT NULL,
        claim_id    uuid NOT NULL REFERENCES claims(id),
        staff_id    uuid NOT NULL,
        body_enc    bytea NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_notes_claim_idx ON claim_notes (claim_id, created_at)`);

    await q.query(`
      CREATE TABLE bulk_jobs (
        id           uuid PRIMARY KEY,
        firm_id      uuid NOT NULL,
        case_id      uuid NOT NULL REFERENCES cases(id),
        staff_id     uuid NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('approve','reject','request_information','assign')),
        -- The filter as the queue showed it, and the decision's own fields (reason, items, deadline, assignee).
        filter       jsonb NOT NULL,
        params       jsonb NOT NULL DEFAULT '{}',
        total        integer NOT NULL,
        done         integer NOT NULL DEFAULT 0,
        skipped      integer NOT NULL DEFAULT 0,
        status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz
      )`);
    await q.query(`CREATE INDEX bulk_jobs_running_idx ON bulk_jobs (created_at) WHERE status = 'running'`);
    await q.query(`
      CREATE TABLE bulk_job_items (
        job_id    uuid NOT NULL REFERENCES bulk_jobs(id),
        claim_id  uuid NOT NULL,
        firm_id   uuid NOT NULL,
        seq       integer NOT NULL,
        -- null: to do; 'done', or 'skipped' when the claim had moved on since it was selected.
        outcome   text CHECK (outcome IN ('done','skipped')),
        PRIMARY KEY (job_id, seq)
      )`);
    await q.query(`CREATE INDEX bulk_job_items_todo_idx ON bulk_job_items (job_id, seq) WHERE outcome IS NULL`);

    await q.query(`
      CREATE TABLE filing_batches (
        id              uuid PRIMARY KEY,
        firm_id         uuid NOT NULL,
        case_id         uuid NOT NULL REFERENCES cases(id),
        number          integer NOT NULL,
        name            text NOT NULL,
        status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open','locked','filed')),
        plaintiffs      integer NOT NULL DEFAULT 0,
        estimate_won    bigint NOT NULL DEFAULT 0,
        created_by      uuid NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        locked_by       uuid,
        locked_at       timestamptz,
        filed_by        uuid,
        filed_at        timestamptz,
        -- The SHA-256 of the plaintiff list when locked: every later export of it must match.
        list_sha256     bytea,
        CONSTRAINT filing_batches_number_uq UNIQUE (case_id, number)
      )`);
    await q.query(`ALTER TABLE claims ADD CONSTRAINT claims_batch_fk FOREIGN KEY (batch_id) REFERENCES filing_batches(id)`);

    await q.query(`
      CREATE TABLE export_records (
        id          uuid PRIMARY KEY,
        firm_id     uuid NOT NULL,
        staff_id    uuid NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('plaintiffs-csv','plaintiffs-xlsx','proof-pack','weekly-report','access-log')),
        batch_id    uuid REFERENCES filing_batches(id),
        claim_id    uuid REFERENCES claims(id),
        reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        rows        integer,
        sha256      bytea,
        created_at  timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX export_records_firm_idx ON export_records (firm_id, created_at)`);

    await q.query(`
      CREATE TABLE access_reviews (
        id           uuid PRIMARY KEY,
        firm_id      uuid NOT NULL,
        month        date NOT NULL CHECK (extract(day FROM month) = 1),
        reviewed_by  uuid NOT NULL,
        reviewed_at  timestamptz NOT NULL DEFAULT now(),
        rows         integer NOT NULL,
        chain_ok     boolean NOT NULL,
        chain_head   text,
        findings     text NOT NULL DEFAULT '',
        CONSTRAINT access_reviews_month_uq UNIQUE (firm_id, month)
      )`);

    for (const table of ['claim_counts', 'claim_decisions', 'claim_notes', 'bulk_jobs', 'bulk_job_items', 'filing_batches', 'export_records', 'access_reviews']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_firm ON ${table} USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    }
    // Decisions, notes and reviews are written once; counts, jobs, batches and exports move on.
    await q.query(`GRANT SELECT, INSERT ON claim_decisions, claim_notes, access_reviews TO claims_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON claim_counts, bulk_jobs, bulk_job_items, filing_batches, export_records TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER claim_counts_update ON claims`);
    await q.query(`DROP TRIGGER claim_counts_insert ON claims`);
    await q.query(`DROP FUNCTION claim_counts_apply()`);
    await q.query(`ALTER TABLE claims DROP CONSTRAINT claims_batch_fk`);
    await q.query(`DROP TABLE access_reviews, export_records, filing_batches, bulk_job_items, bulk_jobs, claim_notes, claim_decisions, claim_counts`);
    for (const index of ['received', 'verdict', 'tier', 'assignee', 'flagged', 'changed', 'amount']) await q.query(`DROP INDEX claims_queue_${index}_idx`);
    await q.query(`DROP INDEX claims_batch_idx`);
    await q.query(`
      ALTER TABLE claims DROP COLUMN verdict, DROP COLUMN estimate_won, DROP COLUMN data_tier, DROP COLUMN review_flags, DROP COLUMN open_flags,
        DROP COLUMN assignee_id, DROP COLUMN batch_id, DROP COLUMN estimate_override_won, DROP COLUMN decided_at`);
  }
}
