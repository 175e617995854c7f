import { Injectable } from '@nestjs/common';
import { FirmScope, FirmTx, sqlRows } from '@app/database';
import { AccessLogEntity } from './access-log.entity';

/** Who is reading personal data. */
export type Accessor =
  | { kind: 'staff'; staffId: string; ip: string | null; reason: string }
  | { kind: 'claimant'; claimantId: string; ip: string | null }
  | { kind: 'system'; job: string };

export interface AccessRecord {
  accessor: Accessor;
  /** What was done: "claimant.read", ... */
  action: string;
  /** Whose data: claimant ids. */
  subjects: string[];
  /** Which fields. */
  fields: string[];
}

/**
 * The PIPA access log. A person's read (staff or the claimant) is a row per person; a system
 * job's read is one row per batch naming the job and how many people. Records are committed in
 * their own short transaction before the data is decrypted, so no read happens unrecorded and
 * the chain's per-firm lock is held for a moment only. ChainVerifier checks the chain.
 */
@Injectable()
export class AccessLog {
  constructor(private readonly scope: FirmScope) {}

  /**
   * Records one access, committed before it returns. `durable: 'own-commit'` (the default, for a
   * person's read) waits for the commit to reach disk. `'caller-commit'` is for a system job that
   * commits its own results right after: its commit flushes the write-ahead log up to and past
   * this record, so the record is durable by then, and meanwhile the firm's chain is not held
   * behind an fsync (a crash in between loses the job's results too, and its retry records again).
   */
  async record(firmId: string, entry: AccessRecord, durable: 'own-commit' | 'caller-commit' = 'own-commit'): Promise<void> {
    if (entry.subjects.length === 0) return;
    await this.scope.run(firmId, async (tx) => {
      if (durable === 'caller-commit') await tx.manager.query(`SET LOCAL synchronous_commit = off`);
      await this.insert(tx, entry);
    });
  }

  /**
   * Records one staff member's read of many people at once (a page of an export): one chained
   * row naming how many and why, and the people themselves in access_log_subjects under it, in
   * one transaction committed before it returns (so before anything is decrypted). The chain then
   * costs one row per page rather than one per person, and each person's reads stay findable.
   */
  async recordMany(firmId: string, entry: { accessor: Accessor & { kind: 'staff' }; action: string; fields: string[]; subjects: string[] }): Promise<void> {
    if (entry.subjects.length === 0) return;
    await this.scope.run(firmId, async (tx) => {
      const { accessor } = entry;
      const [{ id }] = await sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO access_log (firm_id, actor_type, actor_id, ip, subject_claimant_id, subject_count, action, fields, reason)
         VALUES ($1, 'staff', $2, $3, NULL, $4, $5, $6, $7) RETURNING id::text`,
        [tx.firmId, accessor.staffId, accessor.ip, entry.subjects.length, entry.action, [...entry.fields].sort(), accessor.reason],
      );
      // DISTINCT rather than ON CONFLICT: the row is new, so only a person named twice could clash,
      // and a speculative insert per person cost more than the rest of the statement.
      await tx.manager.query(
        `INSERT INTO access_log_subjects (access_log_id, firm_id, claimant_id) SELECT DISTINCT $1::bigint, $2::uuid, s FROM unnest($3::uuid[]) AS s`,
        [id, tx.firmId, entry.subjects],
      );
    });
  }

  private async insert(tx: FirmTx, { accessor, action, subjects, fields }: AccessRecord): Promise<void> {
    const base = { firmId: tx.firmId, action, fields: [...fields].sort() };
    const rows =
      accessor.kind === 'system'
        ? [{ ...base, actorType: 'system' as const, actorId: accessor.job, ip: null, subjectClaimantId: null, subjectCount: subjects.length, reason: null }]
        : subjects.map((subject) => ({
            ...base,
            actorType: accessor.kind,
            actorId: accessor.kind === 'staff' ? accessor.staffId : accessor.claimantId,
            ip: accessor.ip,
            subjectClaimantId: subject,
            subjectCount: 1,
            reason: accessor.kind === 'staff' ? accessor.reason : null,
          }));
    await tx.manager.insert(AccessLogEntity, rows);
  }
}
