import { randomUUID } from 'node:crypto';
import { CaseSeeder, DEMO_CASE_ID, DEMO_FIRM } from '@app/cases';
import { homeOf, InviteStaff, type StaffRole } from '@app/staff';
import { submitClaim } from '../support/http';
import { PageClient, type PageReply } from '../support/page-client';
import { recordRoutes, type RegisteredRoute } from '../support/routes';
import { ACCESS, ENDS_SESSION, ROLES } from '../support/staff-routes';
import { createStaff, csrfOf, signIn, type StaffMember } from '../support/staff';
import { TestStack } from '../support/test-app';
import { validClaim } from '../support/claim-fixture';
import { waitFor } from '../support/wait-for';

const OTHER_FIRM = '0190f5a0-0000-7000-8000-0000000000ab';

describe('the staff console\'s authorisation matrix', () => {
  let stack: TestStack;
  const registered: RegisteredRoute[] = [];
  const members = {} as Record<StaffRole, StaffMember>;
  const outsiders = {} as Record<StaffRole, StaffMember>;
  /** Firm A's things the routes' parameters name, so another firm's access is tried on real rows. */
  const params: Record<string, string> = {};
  let claimNumber = '';
  let claimantName = '';

  beforeAll(async () => {
    const stop = recordRoutes(registered);
    try {
      stack = await TestStack.start({ worker: true });
    } finally {
      stop();
    }
    for (const role of ROLES) members[role] = await createStaff(stack.api, role);
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: OTHER_FIRM, slug: 'matrix-other', nameKo: '법무법인 다른', nameEn: 'Other Law' }, []);
    for (const role of ROLES) outsiders[role] = await createStaff(stack.api, role, { firmId: OTHER_FIRM });
    const body = validClaim({ name: '권한표' });
    const claim = await submitClaim(stack.api, body);
    claimNumber = claim.body.claimNumber;
    claimantName = '권한표';
    params.claimId = claim.body.claimId;
    await waitFor('the claim screened', async () => (await stack.query(`SELECT status FROM claims WHERE id = $1`, [params.claimId]))[0].status === 'screened');
    // A staff account of firm A for the account routes to act on (never one of the members).
    params.staffId = (await stack.api.get(InviteStaff).execute({ firmId: DEMO_FIRM.id, email: `target-${randomUUID()}@firm.example`, name: '대상', role: 'paralegal', by: 'test' })).staffId;
    params.jobId = randomUUID();
    // A batch of firm A's (open, empty) for the batch routes to name.
    params.batchId = randomUUID();
    await stack.query(`INSERT INTO filing_batches (id, firm_id, case_id, number, name, created_by) VALUES ($1, $2, $3, 1, '권한표 차수', $4)`, [params.batchId, DEMO_FIRM.id, DEMO_CASE_ID, members.attorney.staffId]);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** A route's URL with firm A's ids in it. */
  function urlOf(route: string): string {
    const path = route.split(' ')[1];
    return path
      .replace('/staff/accounts/:id', `/staff/accounts/${params.staffId}`)
      .replace('/staff/batches/:id', `/staff/batches/${params.batchId}`)
      .replace(':claimId', params.claimId)
      .replace(':kind', 'plaintiffs-csv')
      .replace(':slug', 'coupang-2025')
      .replace(':version', '1')
      .replace(':id', params.claimId)
      .replace(':fileId', randomUUID())
      .replace(':which', 'thumbnail')
      .replace(':jobId', params.jobId);
  }

  /** The form token of a signed-in browser, from its home page (every console page carries it). */
  const tokens = new Map<PageClient, string>();
  async function csrfFor(client: PageClient, role: StaffRole | null): Promise<string> {
    if (!role) return '';
    if (!tokens.has(client)) tokens.set(client, await csrfOf(client, homeOf(role)));
    return tokens.get(client)!;
  }

  async function call(client: PageClient, route: string, role: StaffRole | null): Promise<PageReply> {
    const [method] = route.split(' ');
    const url = urlOf(route);
    if (method === 'GET') return route.includes('/api/') ? client.json('GET', url) : client.get(url);
    const csrf = await csrfFor(client, role);
    if (route.includes('/api/')) return client.json('POST', url, {}, csrf ? { 'x-csrf-token': csrf } : {});
    return client.post(url, { _csrf: csrf });
  }

  it('knows every staff route the application registers', () => {
    const staffRoutes = [...new Set(registered.filter((r) => ['get', 'post', 'put', 'patch', 'delete'].includes(r.method) && /^\/(api\/)?staff(\/|$)/.test(r.url)).map((r) => `${r.method.toUpperCase()} ${r.url}`))].sort();
    expect(staffRoutes.length).toBeGreaterThan(20);
    expect(staffRoutes.filter((r) => !(r in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((r) => !staffRoutes.includes(r))).toEqual([]);
  });

  it('asks for a session on every non-public route', async () => {
    const anonymous = new PageClient(stack.api);
    for (const route of Object.keys(ACCESS).filter((r) => ACCESS[r] !== 'public')) {
      const reply = await call(anonymous, route, null);
      expect({ route, status: reply.status }).toEqual({ route, status: 401 });
    }
  });

  it('answers each role as the table says: 403 where it is not granted, never 401, 403 or 5xx where it is', async () => {
    const routes = Object.keys(ACCESS).filter((r) => ACCESS[r] !== 'public' && !ENDS_SESSION.has(r));
    for (const role of ROLES) {
      for (const route of routes) {
        const reply = await call(members[role].client, route, role);
        const granted = (ACCESS[route] as StaffRole[]).includes(role);
        if (granted) expect({ route, role, status: reply.status, ok: ![401, 403].includes(reply.status) && reply.status < 500 }).toEqual({ route, role, status: reply.status, ok: true });
        else expect({ route, role, status: reply.status }).toEqual({ route, role, status: 403 });
      }
    }
  }, 300_000);

  it('shows another firm\'s staff nothing of this firm, whatever their role', async () => {
    const routes = Object.keys(ACCESS).filter((r) => ACCESS[r] !== 'public' && !ENDS_SESSION.has(r));
    for (const role of ROLES) {
      for (const route of routes) {
        const reply = await call(outsiders[role].client, route, role);
        const namesFirmA = route.includes(':');
        expect({ route, role, leaks: reply.body.includes(claimNumber) || reply.body.includes(claimantName) }).toEqual({ route, role, leaks: false });
        // A route about one of firm A's things is refused, not found, or (an empty form) invalid: never answered.
        if (namesFirmA) expect({ route, role, refused: [400, 403, 404].includes(reply.status) }).toEqual({ route, role, refused: true });
        expect({ route, role, status: reply.status < 500 }).toEqual({ route, role, status: true });
      }
    }
    // Nothing was decided on firm A's claim by them.
    const outsiderIds = ROLES.map((r) => outsiders[r].staffId);
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_decisions WHERE staff_id = ANY($1::uuid[])`, [outsiderIds]))[0].n).toBe(0);
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_notes WHERE staff_id = ANY($1::uuid[])`, [outsiderIds]))[0].n).toBe(0);
  }, 300_000);

  it('ends only the caller\'s own sessions on sign-out, for every role', async () => {
    for (const role of ROLES) {
      for (const route of ENDS_SESSION) {
        const client = await signIn(stack.api, members[role]);
        const reply = await call(client, route, role);
        expect({ route, role, status: reply.status < 400 }).toEqual({ route, role, status: true });
        expect((await client.get('/staff/accounts')).status).toBe(401);
      }
    }
  }, 120_000);
});
