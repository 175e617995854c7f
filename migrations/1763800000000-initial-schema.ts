import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. Hand-written SQL, reviewed line by line.
 *
 * Tenancy: every row below `firms` carries firm_id, so a query scoped by firm never needs
 * a join to know whose data it is, and a later row-level-security policy can key on it.
 * Personal data lives only in *_enc columns (AES-256-GCM envelopes, see libs/crypto) and
 * *_hash columns (HMAC blind indexes); nothing personal is stored in clear.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE firms (
        id               uuid PRIMARY KEY,
        slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
        name_ko          text NOT NULL,
        name_en          text NOT NULL,
        -- Shown on public pages as a trust signal (Korean Bar Association registration).
        registration_no  text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE cases (
        id                     uuid PRIMARY KEY,
        firm_id                uuid NOT NULL REFERENCES firms(id),
        slug                   text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
        claim_prefix           text NOT NULL CHECK (claim_prefix ~ '^[A-Z]{2,5}$'),
        title_ko               text NOT NULL,
        title_en               text NOT NULL,
        summary_ko             text NOT NULL,
        summary_en             text NOT NULL,
        defendant              text NOT NULL,
        incident_disclosed_on  date NOT NULL,
        intake_opens_at        timestamptz NOT NULL,
        intake_closes_at       timestamptz NOT NULL,
        -- Three years from when the victim learned of the breach (Civil Act art. 766).
        limitation_years       smallint NOT NULL DEFAULT 3,
        damage_min_won         integer NOT NULL CHECK (damage_min_won > 0),
        damage_max_won         integer NOT NULL,
        consent_version        text NOT NULL,
        consent_texts          jsonb NOT NULL,
        mandate_version        text NOT NULL,
        mandate_text_ko        text NOT NULL,
        mandate_text_en        text NOT NULL,
        mandate_sha256         bytea NOT NULL CHECK (length(mandate_sha256) = 32),
        rules_version          text NOT NULL,
        damage_model           jsonb NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (damage_max_won >= damage_min_won),
        CHECK (intake_closes_at > intake_opens_at)
      )`);
    await q.query(`CREATE INDEX cases_firm_idx ON cases (firm_id)`);

    await q.query(`
      CREATE TABLE claimants (
        id              uuid PRIMARY KEY,
        firm_id         uuid NOT NULL REFERENCES firms(id),
        case_id         uuid NOT NULL REFERENCES cases(id),
        name_enc        bytea NOT NULL,
        birth_date_enc  bytea NOT NULL,
        email_enc       bytea NOT NULL,
        phone_enc       bytea NOT NULL,
        address_enc     bytea NOT NULL,
        email_hash      bytea NOT NULL CHECK (length(email_hash) = 32),
        phone_hash      bytea NOT NULL CHECK (length(phone_hash) = 32),
        created_at      timestamptz NOT NULL DEFAULT now(),
        -- One person (by email) files one claim per case; the API turns a violation into 409.
        CONSTRAINT claimants_case_email_uq UNIQUE (case_id, email_hash)
      )`);
    await q.query(`CREATE INDEX claimants_case_phone_idx ON claimants (case_id, phone_hash)`);

    await q.query(`
      CREATE TABLE claims (
        id                   uuid PRIMARY KEY,
        firm_id              uuid NOT NULL REFERENCES firms(id),
        case_id              uuid NOT NULL REFERENCES cases(id),
        claimant_id          uuid NOT NULL UNIQUE REFERENCES claimants(id),
        claim_number         text NOT NULL,
        status               text NOT NULL CHECK (status IN ('submitted','screened','needs_information',
                               'manual_review','approved','rejected','filed','withdrawn')),
        status_changed_at    timestamptz NOT NULL DEFAULT now(),
        answers              jsonb NOT NULL,
        locale               text NOT NULL CHECK (locale IN ('ko','en')),
        -- Client-chosen retry key; the fingerprint is a hash of the request body so a reused
        -- key with a different body is refused instead of returning someone else's claim.
        idempotency_key      text,
        request_fingerprint  bytea,
        submitted_ip_hash    bytea,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claims_number_uq UNIQUE (claim_number),
        CONSTRAINT claims_idempotency_uq UNIQUE (case_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX claims_case_status_idx ON claims (case_id, status, created_at, id)`);
    await q.query(`CREATE INDEX claims_ip_idx ON claims (case_id, submitted_ip_hash, created_at)`);

    await q.query(`
      CREATE TABLE claim_events (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        claim_id     uuid NOT NULL REFERENCES claims(id),
        from_status  text,
        to_status    text NOT NULL,
        actor        text NOT NULL,
        reason       text,
        at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_events_claim_idx ON claim_events (claim_id, id)`);

    await q.query(`
      CREATE TABLE consents (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        claim_id     uuid NOT NULL REFERENCES claims(id),
        purpose      text NOT NULL CHECK (purpose IN ('collection','third_party','marketing')),
        granted      boolean NOT NULL,
        version      text NOT NULL,
        -- Hash of the exact text shown, so the record proves what was agreed to.
        text_sha256  bytea NOT NULL CHECK (length(text_sha256) = 32),
        at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consents_claim_purpose_version_uq UNIQUE (claim_id, purpose, version)
      )`);

    await q.query(`
      CREATE TABLE signatures (
        id                uuid PRIMARY KEY,
        claim_id          uuid NOT NULL REFERENCES claims(id),
        document_kind     text NOT NULL CHECK (document_kind IN ('mandate')),
        document_version  text NOT NULL,
        document_sha256   bytea NOT NULL CHECK (length(document_sha256) = 32),
        typed_name_enc    bytea NOT NULL,
        signed_at         timestamptz NOT NULL,
        ip_enc            bytea NOT NULL,
        ip_hash           bytea NOT NULL,
        user_agent        text NOT NULL,
        CONSTRAINT signatures_claim_document_uq UNIQUE (claim_id, document_kind, document_version)
      )`);

    await q.query(`
      CREATE TABLE claim_assessments (
        id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        claim_id             uuid NOT NULL REFERENCES claims(id),
        rules_version        text NOT NULL,
        model_version        text NOT NULL,
        verification         jsonb NOT NULL,
        verdict              text NOT NULL CHECK (verdict IN ('eligible','ineligible','needs_information','manual_review')),
        reasons              jsonb NOT NULL,
        estimate_won         integer NOT NULL CHECK (estimate_won > 0),
        estimate_breakdown   jsonb NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        -- The same versions give the same answer, so a retried job finds its row already there.
        CONSTRAINT claim_assessments_versions_uq UNIQUE (claim_id, rules_version, model_version)
      )`);

    await q.query(`
      CREATE TABLE outbox (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic         text NOT NULL,
        aggregate_id  uuid NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz,
        attempts      integer NOT NULL DEFAULT 0,
        last_error    text
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE notifications (
        id           uuid PRIMARY KEY,
        firm_id      uuid NOT NULL REFERENCES firms(id),
        claim_id     uuid NOT NULL REFERENCES claims(id),
        template     text NOT NULL,
        locale       text NOT NULL CHECK (locale IN ('ko','en')),
        -- One email per (claim, purpose): a repeated trigger finds the row and sends nothing.
        dedupe_key   text NOT NULL UNIQUE,
        message_id   text NOT NULL UNIQUE,
        status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        sent_at      timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_claim_idx ON notifications (claim_id)`);

    // PIPA: who read whose data, when, from where, doing what; kept at least two years.
    await q.query(`
      CREATE TABLE access_log (
        id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at                   timestamptz NOT NULL DEFAULT now(),
        firm_id              uuid NOT NULL REFERENCES firms(id),
        actor_type           text NOT NULL CHECK (actor_type IN ('staff','system','claimant')),
        actor_id             text NOT NULL,
        ip                   inet,
        subject_claimant_id  uuid REFERENCES claimants(id),
        action               text NOT NULL,
        reason               text
      )`);
    await q.query(`CREATE INDEX access_log_subject_idx ON access_log (subject_claimant_id, at)`);
    await q.query(`CREATE INDEX access_log_firm_at_idx ON access_log (firm_id, at)`);
    // Append-only: an access log that can be edited proves nothing.
    await q.query(`
      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log, notifications, outbox, claim_assessments, signatures, consents,
      claim_events, claims, claimants, cases, firms`);
    await q.query(`DROP FUNCTION access_log_append_only()`);
  }
}
