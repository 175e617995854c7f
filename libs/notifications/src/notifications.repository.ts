import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@app/database';
import { v7 as uuidv7 } from 'uuid';
import type { Locale, TemplateName } from './templates/render';

export interface EmailRequest {
  firmId: string;
  claimId: string;
  template: TemplateName;
  locale: Locale;
  /** One email per key, ever: a repeated request with the same key sends nothing. */
  dedupeKey: string;
}

export interface PendingNotification {
  id: string;
  claimId: string;
  template: TemplateName;
  locale: Locale;
  messageId: string;
  status: 'pending' | 'sent' | 'failed';
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts notification rows and their outbox rows in one statement; duplicates are skipped. */
  async request(runner: EntityManager | DataSource, requests: EmailRequest[], messageDomain: string): Promise<number> {
    if (requests.length === 0) return 0;
    const ids = requests.map(() => uuidv7());
    const rows = await queryRows(
      runner,
      `WITH created AS (
         INSERT INTO notifications (id, firm_id, claim_id, template, locale, dedupe_key, message_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id
       ), outbox AS (
         INSERT INTO outbox (topic, aggregate_id) SELECT 'notification.created', id FROM created
       )
       SELECT count(*)::int AS created FROM created`,
      [
        ids, requests.map((r) => r.firmId), requests.map((r) => r.claimId), requests.map((r) => r.template),
        requests.map((r) => r.locale), requests.map((r) => r.dedupeKey),
        // A stable Message-ID, fixed when the email is first requested: a resend after a crash
        // carries the same id, so mail systems can recognise it as the same message.
        ids.map((id) => `<${id}@${messageDomain}>`),
      ],
    );
    return rows[0].created;
  }

  async find(id: string): Promise<PendingNotification | null> {
    const [r] = await queryRows(
      this.db,
      // Only a pending email is claimed (and its attempt counted); a sent or failed one is left alone.
      `UPDATE notifications SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending'
       RETURNING id, claim_id, template, locale, message_id, status`,
      [id],
    );
    if (!r) return null;
    return { id: r.id, claimId: r.claim_id, template: r.template, locale: r.locale, messageId: r.message_id, status: r.status };
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(`UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [id]);
  }

  async markError(id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(`UPDATE notifications SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1`, [
      id,
      error.slice(0, 500),
      final,
    ]);
  }
}
