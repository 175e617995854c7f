import type { FastifyReply } from 'fastify';
import type { CaseRecord } from '@app/cases';
import type { Locale } from '@app/http';
import { fieldId, type FormErrors } from './form-errors';
import { JOIN_COPY } from './join-copy';
import { layoutData } from './page-context';
import { PORTAL_COPY } from './portal-copy';

/** A portal page's address: the token in the query (GETs only), and the page's language. */
export function portalHref(path: string, token: string, locale: Locale, extra: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ token, lang: locale, ...extra }).toString()}`;
}

/** Every portal answer: never cached, and the URL (which holds the token) never sent on as a Referer. */
export function privatePage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

export function firmOf(kase: CaseRecord | null, locale: Locale): { name: string; registrationNo: string | null } {
  return kase ? { name: locale === 'ko' ? kase.firm.nameKo : kase.firm.nameEn, registrationNo: kase.firm.registrationNo } : { name: '', registrationNo: null };
}

/**
 * What every portal page shows: the layout (its language switch stays on the same page, with
 * the token), the portal's words, the token for the forms' hidden field, and the error summary.
 */
export function portalPage(locale: Locale, path: string, token: string, kase: CaseRecord | null, title: string) {
  const caseTitle = kase?.definition.title[locale] ?? '';
  return {
    ...layoutData(locale, path, { token }, firmOf(kase, locale), caseTitle ? `${title} · ${caseTitle}` : title),
    portal: PORTAL_COPY[locale],
    join: JOIN_COPY[locale],
    token,
    caseTitle,
    fieldId,
    errors: null as FormErrors | null,
    statusHref: portalHref('/status', token, locale),
  };
}

const intl = (locale: Locale) => (locale === 'ko' ? 'ko-KR' : 'en-GB');

/** A moment as Seoul reads it: `datetime` with the +09:00 offset, and the words. */
export function seoulTime(at: Date | string, locale: Locale): { iso: string; text: string } {
  const date = new Date(at);
  const iso = `${new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 16)}+09:00`;
  return { iso, text: date.toLocaleString(intl(locale), { timeZone: 'Asia/Seoul', dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }) };
}

/** A calendar day (YYYY-MM-DD, a Seoul date) as a `datetime` and in words. */
export function seoulDay(day: Date | string, locale: Locale): { iso: string; text: string } {
  const iso = typeof day === 'string' ? day.slice(0, 10) : new Date(day.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  return { iso, text: new Date(`${iso}T12:00:00+09:00`).toLocaleDateString(intl(locale), { timeZone: 'Asia/Seoul', dateStyle: 'long' }) };
}
