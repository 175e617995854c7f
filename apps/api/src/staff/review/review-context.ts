import { HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type CaseRecord, CasesService, FirmCases } from '@app/cases';
import { type QueueChoices } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import type { StaffRequestContext } from '@app/staff';

export interface ReviewCase {
  record: CaseRecord;
  /** Every case of the firm, for the picker. */
  choices: { slug: string; title: string; current: boolean }[];
  /** What the queue's filters may name in this case. */
  filterChoices: QueueChoices;
}

/**
 * The case a review page is about: the one the query names, or the firm's first. Read before
 * any firm transaction (CasesService may need a connection of its own).
 */
@Injectable()
export class ReviewCases {
  constructor(
    private readonly firmCases: FirmCases,
    private readonly cases: CasesService,
  ) {}

  async pick(staff: StaffRequestContext, slug: unknown, locale: Locale): Promise<ReviewCase | null> {
    const all = await this.firmCases.list(staff.principal.firmId);
    if (all.length === 0 && (typeof slug !== 'string' || slug === '')) return null;
    const chosen = typeof slug === 'string' && slug !== '' ? all.find((c) => c.slug === slug) : all[0];
    if (!chosen) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    const record = await this.cases.findById(chosen.id);
    if (!record) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    return {
      record,
      choices: all.map((c) => ({ slug: c.slug, title: c.versions.find((v) => v.active)?.title[locale] ?? c.slug, current: c.id === chosen.id })),
      filterChoices: choicesOf(record),
    };
  }
}

export function choicesOf(record: CaseRecord): QueueChoices {
  const def = record.definition;
  return { flags: def.rules.rules.filter((r) => r.staffOnly).map((r) => r.id), tiers: def.damages.tiers.levels.map((l) => l.option) };
}

/** Who is reading, for the access log. */
export function staffAccessor(staff: StaffRequestContext, request: FastifyRequest, reason: string) {
  return { kind: 'staff' as const, staffId: staff.principal.staffId, ip: request.ip ?? null, reason };
}

export const won = (n: number | null | undefined, locale: Locale) => (n == null ? '' : n.toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US'));

/** A time as the console shows it: Seoul's clock, minutes. */
export function seoulTime(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = new Date(new Date(at).getTime() + 9 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
