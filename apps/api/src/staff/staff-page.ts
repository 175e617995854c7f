import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, negotiateLocale } from '@app/http';
import { allows, type Permission, type StaffRequestContext } from '@app/staff';
import { fieldId, type FormErrors } from '../pages/form-errors';
import { staffAssets } from '../pages/assets';
import { CONSOLE_COPY } from './console-copy';

const LANG_COOKIE = 'staff_lang';

/**
 * The console's language: `?lang=` (the switch, remembered in a cookie), then that cookie, then
 * the browser's. A form carries it in a hidden `lang` field as the claimant pages do.
 */
export function staffLocale(request: FastifyRequest, reply?: FastifyReply): Locale {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const asked = query?.lang ?? (body && typeof body === 'object' ? body.lang : undefined);
  if (asked === 'ko' || asked === 'en') {
    if (reply && request.cookies?.[LANG_COOKIE] !== asked) void reply.setCookie(LANG_COOKIE, asked, { path: '/staff', sameSite: 'strict', httpOnly: true, maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const remembered = request.cookies?.[LANG_COOKIE];
  return remembered === 'ko' || remembered === 'en' ? remembered : negotiateLocale(request.headers['accept-language']);
}

const NAV: { key: keyof (typeof CONSOLE_COPY)['ko']['nav']; href: string; permission: Permission }[] = [
  { key: 'claims', href: '/staff/claims', permission: 'claims.read' },
  { key: 'batches', href: '/staff/batches', permission: 'batches.read' },
  { key: 'dashboard', href: '/staff/dashboard', permission: 'dashboard.read' },
  { key: 'cases', href: '/staff/cases', permission: 'cases.manage' },
  { key: 'accounts', href: '/staff/accounts', permission: 'accounts.manage' },
  { key: 'accessLog', href: '/staff/access-log', permission: 'accessLog.read' },
];

/**
 * What every console page's layout needs: the language and its switch (same page, same query),
 * the signed-in person and the sections their role may open, the anti-forgery token the forms
 * post back, and the error summary.
 */
export function staffPage(locale: Locale, request: FastifyRequest, staff: StaffRequestContext | null, title: string) {
  const [path, search = ''] = request.url.split('?');
  const params = new URLSearchParams(search);
  const other: Locale = locale === 'ko' ? 'en' : 'ko';
  params.set('lang', other);
  const copy = CONSOLE_COPY[locale];
  return {
    locale,
    pageTitle: `${title} · ${copy.product}`,
    title,
    copy,
    assets: staffAssets(),
    otherLanguage: { locale: other, label: copy.otherLanguage, href: `${path}?${params.toString()}` },
    staff: staff && { name: staff.name, role: copy.roles[staff.principal.role] },
    nav: staff ? NAV.filter((n) => allows(staff.principal.role, n.permission)).map((n) => ({ label: copy.nav[n.key], href: n.href, current: path === n.href || path.startsWith(`${n.href}/`) })) : [],
    csrf: staff?.csrf ?? '',
    errors: null as FormErrors | null,
    flash: null as string | null,
    fieldId,
  };
}

/** A console answer: never cached, never framed, no Referer (URLs hold claim ids). */
export function consoleReply(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}
