import { execFileSync } from 'node:child_process';
import { DEMO_FIRM } from '@app/cases';
import { currentTotp, type StaffRole } from '@app/staff';
import { builtApp } from './dist-path';

/** A browser's session against the running API over HTTP: cookies kept, form posts from our origin. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly baseUrl: string,
    private readonly origin: string,
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.baseUrl + path, { headers: { ...this.headers(), ...headers }, redirect: 'manual' });
    this.keep(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }

  /** A form post; the answer's body as a stream (a download) or text. */
  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }

  private headers(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
  }
}

/** A hidden field's value on a page. */
export const field = (html: string, name: string): string => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no ${name} on the page: ${html.slice(0, 400)}`);
  return m[1].replace(/&amp;/g, '&');
};

/** The text of the element with a data-testid. */
export const testId = (html: string, id: string): string => {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) throw new Error(`no ${id} on the page: ${html.slice(0, 400)}`);
  const start = html.indexOf('>', at) + 1;
  return html.slice(start, html.indexOf('<', start)).trim().replace(/&amp;/g, '&');
};

/** Through the invitation's pages: password, authenticator (a code from the page's key): signed in. */
export async function acceptInvitation(browser: Browser, link: string): Promise<void> {
  const url = new URL(link);
  const page = await browser.get(url.pathname + url.search);
  const chosen = await browser.post('/staff/invitation', { token: field(page.body, 'token'), password: 'bench horse battery staple' });
  if (chosen.status !== 303) throw new Error(`password step: ${chosen.status}`);
  const enrol = await browser.get(chosen.headers.get('location')!);
  const secret = testId(enrol.body, 'totp-secret').replace(/\s/g, '');
  const done = await browser.post('/staff/enrol', { code: currentTotp(secret) });
  if (done.status !== 200) throw new Error(`enrol step: ${done.status}`);
}

/**
 * A signed-in member of the demo firm, made the way a firm makes one: its first admin from the
 * command line, who invites them through the accounts page.
 */
export async function signedInStaff(baseUrl: string, origin: string, appEnv: Record<string, string>, role: StaffRole, name: string): Promise<{ browser: Browser; csrf: string }> {
  const out = execFileSync(process.execPath, [builtApp('cli', 'staff'), 'create-admin', DEMO_FIRM.slug, `bench-admin-${Date.now()}@firm.example`, '벤치 관리자'], {
    // The API's own settings (its database and keys: the admin's name is sealed with them).
    env: { PATH: process.env.PATH ?? '', ...appEnv },
    encoding: 'utf8',
  });
  const admin = new Browser(baseUrl, origin);
  await acceptInvitation(admin, out.trim().split('\n').at(-1)!);
  const accounts = await admin.get('/staff/accounts');
  const invited = await admin.post('/staff/accounts', { _csrf: field(accounts.body, '_csrf'), name, email: `bench-${role}-${Date.now()}@firm.example`, role });
  const browser = new Browser(baseUrl, origin);
  await acceptInvitation(browser, testId(await invited.text(), 'invitation-link'));
  const home = await browser.get('/staff');
  const page = await browser.get(home.location ?? '/staff');
  return { browser, csrf: field(page.body, '_csrf') };
}
