import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface AccessRecord {
  firmId: string;
  actorType: 'staff' | 'system' | 'claimant';
  actorId: string;
  ip: string | null;
  subjectClaimantId: string | null;
  /** What was done: "claimant.read", "claims.export", ... */
  action: string;
  /** Required by PIPA for downloads; recorded for every access that has one. */
  reason?: string;
}

/**
 * The PIPA access log: account, time, IP, whose data, what action. Append-only at the
 * database level (a trigger refuses UPDATE and DELETE). Write it in the same transaction
 * as the read it records, so a read is never served without its log row.
 */
@Injectable()
export class AccessLog {
  constructor(private readonly db: DataSource) {}

  async record(entries: AccessRecord[], tx?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    await (tx ?? this.db).query(
      `INSERT INTO access_log (firm_id, actor_type, actor_id, ip, subject_claimant_id, action, reason)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::inet[], $5::uuid[], $6::text[], $7::text[])`,
      [
        entries.map((e) => e.firmId), entries.map((e) => e.actorType), entries.map((e) => e.actorId), entries.map((e) => e.ip),
        entries.map((e) => e.subjectClaimantId), entries.map((e) => e.action), entries.map((e) => e.reason ?? null),
      ],
    );
  }
}
