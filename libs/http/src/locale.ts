export type Locale = 'ko' | 'en';

/**
 * Korean unless the client clearly prefers English. Parses Accept-Language q-values
 * ("en-US,en;q=0.9,ko;q=0.8") and picks the best of the two languages we speak.
 */
export function negotiateLocale(header: unknown): Locale {
  if (typeof header !== 'string' || header.length > 512) return 'ko';
  let best: { locale: Locale; q: number } = { locale: 'ko', q: 0 };
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.trim().split('-')[0];
    if (lang !== 'ko' && lang !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    // On a tie Korean wins: English only when the client clearly prefers it.
    if (q > best.q || (q === best.q && lang === 'ko')) best = { locale: lang, q };
  }
  return best.locale;
}
