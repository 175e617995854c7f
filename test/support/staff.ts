import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEMO_FIRM_ID } from '@app/cases';
import { currentTotp, InviteStaff, type StaffRole } from '@app/staff';
import { PageClient, type PageReply } from './page-client';

export interface StaffMember {
  staffId: string;
  email: string;
  password: string;
  /** The authenticator's secret (base32), as the enrol page shows it. */
  secret: string;
  recoveryCodes: string[];
  role: StaffRole;
  firmId: string;
  /** A browser signed in as them. */
  client: PageClient;
}

let counter = 0;
const NAMES = ['김민수', '이서연', '박지훈', '최유진', '정하늘', '강도윤', '조은비', '윤시우', '장예린', '임태양'];

/** A value of `name="<name>" value="..."` or a data-testid's text on a page. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name} on the page: ${html.slice(0, 300)}`);
  return match[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}

/** The inner HTML of the element with data-testid `id` (up to the close of its tag; no nesting of the same tag inside). */
export function testIdText(html: string, id: string): string {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) throw new Error(`no ${id} on the page: ${html.slice(0, 300)}`);
  const open = html.lastIndexOf('<', at);
  const tag = /^<([a-z0-9]+)/.exec(html.slice(open))![1];
  const start = html.indexOf('>', at) + 1;
  return html.slice(start, html.indexOf(`</${tag}>`, start)).trim();
}

/**
 * A staff member made the way a real one is: invited (as the console's admin page or the
 * command line does), then through the invitation's pages (password, authenticator enrolment
 * with a code from the page's key, recovery codes), leaving a signed-in browser.
 */
export async function createStaff(api: NestFastifyApplication, role: StaffRole, options: { firmId?: string; email?: string; password?: string; name?: string } = {}): Promise<StaffMember> {
  const firmId = options.firmId ?? DEMO_FIRM_ID;
  const email = options.email ?? `staff${++counter}-${process.pid}@firm.example`;
  const password = options.password ?? 'correct horse battery staple';
  const { link, staffId } = await api.get(InviteStaff).execute({ firmId, email, name: options.name ?? NAMES[counter % NAMES.length], role, by: 'test' });
  const client = new PageClient(api);
  const path = new URL(link).pathname + new URL(link).search;
  const invitation = await client.get(path);
  if (invitation.status !== 200) throw new Error(`invitation page: ${invitation.status}`);
  const chosen = await client.post('/staff/invitation', { token: hiddenField(invitation.body, 'token'), password });
  if (chosen.status !== 303) throw new Error(`password step: ${chosen.status} ${chosen.body.slice(0, 500)}`);
  const enrol = await client.follow(chosen);
  const secret = testIdText(enrol.body, 'totp-secret').replace(/\s/g, '');
  const confirmed = await client.post('/staff/enrol', { code: currentTotp(secret) });
  if (confirmed.status !== 200) throw new Error(`enrol step: ${confirmed.status} ${confirmed.body.slice(0, 500)}`);
  const recoveryCodes = [...testIdText(confirmed.body, 'recovery-codes').matchAll(/<li>([a-z0-9-]+)<\/li>/g)].map((m) => m[1]);
  return { staffId, email, password, secret, recoveryCodes, role, firmId, client };
}

/**
 * Signs in afresh in a new browser: the password, then a code. A code works once and an app
 * accepts one 30-second step of drift, so the same person signing in twice within a step takes
 * the next step's code and then, as a person would, a recovery code.
 */
export async function signIn(api: NestFastifyApplication, member: Pick<StaffMember, 'email' | 'password' | 'secret' | 'recoveryCodes'>): Promise<PageClient> {
  const client = new PageClient(api);
  const first = await client.post('/staff/sign-in', { email: member.email, password: member.password });
  if (first.status !== 303) throw new Error(`password step: ${first.status}`);
  for (const offset of [0, 30_000]) {
    const reply: PageReply = await client.post('/staff/sign-in/code', { code: currentTotp(member.secret, Date.now() + offset) });
    if (reply.status === 303) return client;
  }
  const recovery = member.recoveryCodes.pop();
  if (recovery && (await client.post('/staff/sign-in/code', { code: recovery })).status === 200) return client;
  throw new Error('no code was accepted');
}

/** The anti-forgery token of a signed-in page (every console form carries it). */
export async function csrfOf(client: PageClient, page = '/staff/claims'): Promise<string> {
  const reply = await client.get(page);
  return hiddenField(reply.body, '_csrf');
}
