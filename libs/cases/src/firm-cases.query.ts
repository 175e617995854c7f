import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows } from '@app/database';
import type { Bilingual } from '@app/eligibility';

/** One saved version as the console lists it (the document itself is fetched on its own). */
export interface SavedVersionSummary {
  version: number;
  sha256: string;
  createdBy: string;
  createdAt: Date;
  active: boolean;
  title: Bilingual;
  /** The versions of the parts an assessment depends on. */
  parts: { questionnaire: string; rules: string; damages: string };
}

export interface FirmCase {
  id: string;
  slug: string;
  activeVersion: number | null;
  /** Newest first. */
  versions: SavedVersionSummary[];
}

/** A firm's cases with their saved versions, read inside the firm's scope (so only its own). */
@Injectable()
export class FirmCases {
  constructor(private readonly scope: FirmScope) {}

  async list(firmId: string): Promise<FirmCase[]> {
    return this.read(firmId, null);
  }

  /** The firm's case with this slug, or null (none, or another firm's). */
  async find(firmId: string, slug: string): Promise<FirmCase | null> {
    if (!/^[a-z0-9-]{2,60}$/.test(slug)) return null;
    return (await this.read(firmId, slug))[0] ?? null;
  }

  private async read(firmId: string, slug: string | null): Promise<FirmCase[]> {
    const rows = await this.scope.run(firmId, (tx) =>
      sqlRows<{ id: string; slug: string; activeVersion: number | null; version: number | null; sha256: string; createdBy: string; createdAt: Date; title: Bilingual; parts: SavedVersionSummary['parts'] }>(
        tx.manager,
        `SELECT c.id, c.slug, c.active_version AS "activeVersion", v.version, encode(v.sha256, 'hex') AS sha256, v.created_by AS "createdBy", v.created_at AS "createdAt",
                v.definition->'title' AS title,
                jsonb_build_object('questionnaire', v.definition#>>'{questionnaire,version}', 'rules', v.definition#>>'{rules,version}', 'damages', v.definition#>>'{damages,version}') AS parts
           FROM cases c LEFT JOIN case_versions v ON v.case_id = c.id
          WHERE c.firm_id = $1 AND ($2::text IS NULL OR c.slug = $2)
          ORDER BY c.slug, v.version DESC`,
        [firmId, slug],
      ),
    );
    const cases = new Map<string, FirmCase>();
    for (const r of rows) {
      let kase = cases.get(r.id);
      if (!kase) cases.set(r.id, (kase = { id: r.id, slug: r.slug, activeVersion: r.activeVersion, versions: [] }));
      if (r.version !== null) kase.versions.push({ version: r.version, sha256: r.sha256, createdBy: r.createdBy, createdAt: r.createdAt, active: r.version === r.activeVersion, title: r.title, parts: r.parts });
    }
    return [...cases.values()];
  }
}
