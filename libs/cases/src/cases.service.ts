import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '@app/http';
import type { CaseRecord } from './case.record';
import { CasesRepository } from './cases.repository';

/** Cases change rarely and every submission needs one: a few seconds of staleness is fine. */
const CACHE_MS = 5_000;

@Injectable()
export class CasesService {
  private readonly cache = new Map<string, { at: number; value: Promise<CaseRecord | null> }>();

  constructor(private readonly repository: CasesRepository) {}

  async getBySlug(slug: string): Promise<CaseRecord> {
    const found = await this.findBySlug(slug);
    if (!found) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    return found;
  }

  findById(id: string): Promise<CaseRecord | null> {
    return this.cached(`id:${id}`, () => this.repository.findById(id));
  }

  private findBySlug(slug: string): Promise<CaseRecord | null> {
    if (!/^[a-z0-9-]{2,60}$/.test(slug)) return Promise.resolve(null);
    return this.cached(`slug:${slug}`, () => this.repository.findBySlug(slug));
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

export function isIntakeOpen(c: CaseRecord, now = new Date()): boolean {
  return now >= c.intakeOpensAt && now < c.intakeClosesAt;
}
