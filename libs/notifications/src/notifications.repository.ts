import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { FirmTx, sqlRows } from '@app/database';
import { NotificationEntity } from './notification.entity';
import type { EmailRequest, EmailSubject } from './email-request';
import type { Locale, TemplateName } from './templates/render';

/** An email whose send this runner holds the lease for. */
export type LeasedEmail = Pick<NotificationEntity, 'id' | 'template' | 'locale' | 'messageId'> & { subject: EmailSubject };

@Injectable()
export class NotificationsRepository {
  /**
   * Inserts the rows; duplicates (by dedupe key) are skipped. Returns the rows created. One
   * statement over arrays, whatever the batch size (the first assessment requests hundreds).
   */
  async insert(tx: FirmTx, requests: EmailRequest[], messageDomain: string): Promise<Pick<NotificationEntity, 'id' | 'notBefore'>[]> {
    if (requests.length === 0) return [];
    const ids = requests.map(() => uuidv7());
    return sqlRows<Pick<NotificationEntity, 'id' | 'notBefore'>>(
      tx.manager,
      `INSERT INTO notifications (id, firm_id, claim_id, verification_id, draft_id, template, locale, dedupe_key, message_id, not_before)
       SELECT id, $1, claim_id, verification_id, draft_id, template, locale, dedupe_key, message_id, coalesce(not_before, now())
         FROM unnest($2::uuid[], $3::uuid[], $9::uuid[], $10::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
           AS t(id, claim_id, verification_id, draft_id, template, locale, dedupe_key, message_id, not_before)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, not_before AS "notBefore"`,
      [
        tx.firmId, ids, requests.map((r) => r.claimId ?? null), requests.map((r) => r.template), requests.map((r) => r.locale),
        requests.map((r) => r.dedupeKey),
        // A stable Message-ID, fixed now: a resend after a crash carries the same id.
        ids.map((id) => `<${id}@${messageDomain}>`),
        requests.map((r) => r.notBefore ?? null),
        requests.map((r) => r.verificationId ?? null),
        requests.map((r) => r.draftId ?? null),
      ],
    );
  }

  /**
   * Takes the lease on a due email: a pending one, or one whose last runner's lease ran out
   * (it died mid-send; counted in lease_takeovers). Returns null when the email is not this
   * runner's to send now.
   */
  async lease(tx: FirmTx, id: string, owner: string, leaseSeconds: number): Promise<LeasedEmail | null> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({
        status: 'sending',
        leaseOwner: owner,
        leaseExpiresAt: () => `now() + make_interval(secs => ${Number(leaseSeconds)})`,
        attempts: () => 'attempts + 1',
        // Counted only for an expired lease: a live sender's lease is never taken, so a double send
        // with no takeover on record means two live runners, which must never happen.
        leaseTakeovers: () => `lease_takeovers + (status = 'sending' AND lease_expires_at < now())::int`,
      })
      .where('id = :id AND not_before <= now()', { id })
      .andWhere(`(status = 'pending' OR (status = 'sending' AND lease_expires_at < now()))`)
      .returning('id, claim_id, verification_id, draft_id, template, locale, message_id')
      .execute();
    type Row = { id: string; claim_id: string | null; verification_id: string | null; draft_id: string | null; template: TemplateName; locale: Locale; message_id: string };
    const [row] = result.raw as Row[];
    if (!row) return null;
    const subject: EmailSubject = row.claim_id ? { claimId: row.claim_id } : row.draft_id ? { draftId: row.draft_id } : { verificationId: row.verification_id! };
    return { id: row.id, subject, template: row.template, locale: row.locale, messageId: row.message_id };
  }

  async deleteForDraft(tx: FirmTx, draftId: string): Promise<void> {
    await tx.manager.delete(NotificationEntity, { draftId });
  }

  find(tx: FirmTx, id: string): Promise<NotificationEntity | null> {
    return tx.manager.findOne(NotificationEntity, { where: { id } });
  }

  /**
   * Only the lease's owner can mark the email sent; false if the lease was lost meanwhile. One
   * round trip (mark_email_sent(), see the migration), because a sender that dies between the
   * mail server's acceptance and this commit leaves an email to be sent again.
   */
  async markSent(manager: EntityManager, firmId: string, id: string, owner: string): Promise<boolean> {
    const [row] = await sqlRows<{ sent: boolean }>(manager, `SELECT mark_email_sent($1, $2, $3) AS sent`, [firmId, id, owner]);
    return row.sent;
  }

  /** Gives the lease back after a failed attempt: pending for a retry, or failed for good. */
  async release(tx: FirmTx, id: string, owner: string, error: string, final: boolean): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ status: final ? 'failed' : 'pending', lastError: error.slice(0, 500), leaseOwner: null, leaseExpiresAt: null })
      .where(`id = :id AND status = 'sending' AND lease_owner = :owner`, { id, owner })
      .execute();
  }

  /** Emails due before `dueBefore` and still pending, or held by a lease that ran out. */
  async findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await tx.manager
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .select('n.id', 'id')
      .where(`(n.status = 'pending' AND n.not_before < :dueBefore) OR (n.status = 'sending' AND n.lease_expires_at < now())`, { dueBefore })
      .orderBy('n.not_before')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
