import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '@app/http';
import type { CaseDefinition } from './case-definition';
import type { CaseEntity } from './case.entity';
import { type CaseRecord, textHashes } from './case.record';
import { CasesRepository } from './cases.repository';

/** Cases change rarely and every submission needs one: a few seconds of staleness is fine (intake re-checks the version in SQL). */
const CACHE_MS = 5_000;

interface LoadedVersion {
  definition: CaseDefinition;
  hashes: ReturnType<typeof textHashes>;
}

@Injectable()
export class CasesService {
  private readonly cache = new Map<string, { at: number; value: Promise<CaseRecord | null> }>();
  /**
   * Versions never change once saved, so each is loaded once per process and kept: the same
   * object every time, which is what lets compiled answer schemas be cached per version.
   */
  private readonly versions = new Map<string, Promise<LoadedVersion | null>>();

  constructor(private readonly repository: CasesRepository) {}

  async getBySlug(slug: string): Promise<CaseRecord> {
    const found = await this.findBySlug(slug);
    if (!found) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    return found;
  }

  /** The case with its active definition, or null. */
  /** A firm by its slug (firms are public facts: their names and registrations are on every case page). */
  findFirm(slug: string): Promise<{ id: string; slug: string; nameKo: string; nameEn: string } | null> {
    return this.repository.findFirm(slug);
  }

  findById(id: string): Promise<CaseRecord | null> {
    return this.cached(`id:${id}`, () => this.load({ id }));
  }

  /** A version's definition, active or not (assessments name the version they used). */
  async definitionAt(caseId: string, version: number): Promise<CaseDefinition | null> {
    return (await this.version(caseId, version))?.definition ?? null;
  }

  /** Forget cached active versions at once (after this process activated one). */
  forgetActive(): void {
    this.cache.clear();
  }

  private findBySlug(slug: string): Promise<CaseRecord | null> {
    if (!/^[a-z0-9-]{2,60}$/.test(slug)) return Promise.resolve(null);
    return this.cached(`slug:${slug}`, () => this.load({ slug }));
  }

  private async load(where: { slug: string } | { id: string }): Promise<CaseRecord | null> {
    const found = await this.repository.findCaseWithFirm(where);
    if (!found || found.activeVersion === null) return null;
    const loaded = await this.version(found.id, found.activeVersion);
    return loaded ? toRecord(found, found.activeVersion, loaded) : null;
  }

  private version(caseId: string, version: number): Promise<LoadedVersion | null> {
    const key = `${caseId}:${version}`;
    let hit = this.versions.get(key);
    if (!hit) {
      hit = this.repository.findVersion(caseId, version).then((row) => (row ? { definition: row.definition, hashes: textHashes(row.definition) } : null));
      this.versions.set(key, hit);
      // A missing or failed load is not kept: the version may be saved in a moment.
      hit.then((v) => v ?? this.versions.delete(key), () => this.versions.delete(key));
    }
    return hit;
  }

  private cached(key: string, load: () => Promise<CaseRecord | null>): Promise<CaseRecord | null> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    // Cache the promise, so a burst of requests shares one query; forget failures at once.
    const value = load();
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }
}

function toRecord(c: CaseEntity, version: number, loaded: LoadedVersion): CaseRecord {
  const firm = c.firm!;
  return {
    id: c.id,
    firmId: c.firmId,
    slug: c.slug,
    claimPrefix: c.claimPrefix,
    version,
    definition: loaded.definition,
    intakeOpensAt: c.intakeOpensAt,
    intakeClosesAt: c.intakeClosesAt,
    ...loaded.hashes,
    firm: { nameKo: firm.nameKo, nameEn: firm.nameEn, registrationNo: firm.registrationNo },
  };
}

export function isIntakeOpen(c: CaseRecord, now = new Date()): boolean {
  return now >= c.intakeOpensAt && now < c.intakeClosesAt;
}
