/// <reference types="@fastify/view" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Locale, negotiateLocale } from '@app/http';
import { claimantAssets } from './assets';
import { PAGE_COPY } from './page-copy';

/**
 * The templates live in apps/web/views, beside the code that will grow into the claimant and
 * staff front ends; found from the source (tests) and from dist (the built app and the image).
 */
export function viewsDirectory(): string {
  const candidates = [join(__dirname, '..', '..', '..', 'web', 'views'), join(__dirname, '..', '..', '..', '..', '..', 'apps', 'web', 'views')];
  const found = candidates.find((dir) => existsSync(join(dir, 'layout.eta')));
  if (!found) throw new Error(`page templates not found in ${candidates.join(' or ')}`);
  return found;
}

/** ?lang=ko|en (the language switch) wins over Accept-Language. */
export function pageLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  return lang === 'ko' || lang === 'en' ? lang : negotiateLocale(acceptLanguage);
}

/** What every page's layout needs: its language, the switch to the other one, the firm, the stylesheet and script. */
export function layoutData(locale: Locale, path: string, query: Record<string, string>, firm: { name: string; registrationNo: string | null }, pageTitle: string) {
  const other: Locale = locale === 'ko' ? 'en' : 'ko';
  const params = new URLSearchParams({ ...query, lang: other });
  return {
    locale,
    pageTitle,
    copy: PAGE_COPY[locale],
    firm,
    otherLanguage: { locale: other, label: PAGE_COPY[locale].otherLanguage, href: `${path}?${params.toString()}` },
    assets: claimantAssets(),
  };
}
