import { CaseSeeder, DEMO_CASE_SLUG, DEMO_DEFINITION, DEMO_FIRM } from '@app/cases';
import { addDays, seoulToday } from '@app/eligibility';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { textOf } from '../support/page-client';
import { createStaff, csrfOf, hiddenField, type StaffMember, testIdText } from '../support/staff';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const FIRM_B = '0190f5a0-0000-7000-8000-0000000000cb';
const CASE_B = { id: '0190f5a0-0000-7000-8000-0000000000cc', definition: { ...DEMO_DEFINITION, slug: 'other-firm-versions', claimPrefix: 'OV' } };
const VERDICTS = ['eligible', 'needs_information', 'manual_review', 'ineligible'] as const;

/** The demo case's next version: one rule stricter (adults only from 40) and one tier dearer. */
function nextDefinition() {
  const next = structuredClone(DEMO_DEFINITION);
  next.rules.version = 'coupang-2025.rules.console-test';
  const minor = next.rules.rules.find((r) => r.id === 'minor-guardian')!;
  (minor.passes as { or: [{ '>=': [unknown, number] }] }).or[0]['>='][1] = 40;
  next.damages.version = 'coupang-2025.damages.console-test';
  next.damages.tiers.levels.find((l) => l.option === 'phone_address')!.addWon = 50_000;
  return next;
}

const json = (value: unknown) => ({ name: 'case.json', type: 'application/json', bytes: Buffer.from(JSON.stringify(value, null, 2)) });
const figure = (html: string, id: string) => Number(testIdText(html, id).replace(/[^0-9]/g, ''));

/**
 * Case versions in the console, through the pages as an admin uses them: upload (refused with
 * every problem, or saved), a preview of re-scoring run by the worker, activation after a
 * confirmation, and the preview's figures checked against what re-scoring then did.
 */
describe('case versions in the console', () => {
  let stack: TestStack;
  let admin: StaffMember;
  let attorney: StaffMember;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: FIRM_B, slug: 'other-versions-firm', nameKo: '법무법인 다른', nameEn: 'Other Law' }, [CASE_B]);
    admin = await createStaff(stack.api, 'admin');
    attorney = await createStaff(stack.api, 'attorney');
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const csrf = async () => hiddenField((await admin.client.get('/staff/cases')).body, '_csrf');
  const versionCount = async () => (await stack.query(`SELECT count(*)::int AS n FROM case_versions v JOIN cases c ON c.id = v.case_id WHERE c.slug = $1`, [DEMO_CASE_SLUG]))[0].n;

  it('is for admins only', async () => {
    expect((await attorney.client.get('/staff/cases')).status).toBe(403);
    expect((await attorney.client.get(`/staff/cases/${DEMO_CASE_SLUG}`)).status).toBe(403);
    // A token of the attorney's own session, from a page they may open: the refusal is then the permission's.
    const token = hiddenField((await attorney.client.get('/staff/dashboard')).body, '_csrf');
    const upload = await attorney.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: token }, json(nextDefinition()));
    expect(upload.status).toBe(403);
    expect(await versionCount()).toBe(1);
    // An upload without the anti-forgery token is refused before anything is read.
    expect((await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, {}, json(nextDefinition()))).status).toBe(403);
    expect(await versionCount()).toBe(1);
  });

  it("lists the firm's cases with the version in force, and answers 404 for another firm's case", async () => {
    const list = await admin.client.get('/staff/cases');
    expect(list.status).toBe(200);
    expect(textOf(testIdText(list.body, `case-${DEMO_CASE_SLUG}`))).toMatch(/\b1\b/);
    expect(list.body).not.toContain(CASE_B.definition.slug);
    const page = await admin.client.get(`/staff/cases/${DEMO_CASE_SLUG}`);
    expect(page.status).toBe(200);
    expect(testIdText(page.body, 'active-version')).toBe('1');
    const v1 = testIdText(page.body, 'version-1');
    const [{ sha }] = await stack.query(`SELECT encode(v.sha256, 'hex') AS sha FROM case_versions v JOIN cases c ON c.id = v.case_id WHERE c.slug = $1 AND v.version = 1`, [DEMO_CASE_SLUG]);
    expect(v1).toContain(sha.slice(0, 12));

    const download = await admin.client.get(`/staff/cases/${DEMO_CASE_SLUG}/versions/1/definition`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain(`${DEMO_CASE_SLUG}-v1.json`);
    expect(JSON.parse(download.body).rules.version).toBe(DEMO_DEFINITION.rules.version);

    const other = CASE_B.definition.slug;
    expect((await admin.client.get(`/staff/cases/${other}`)).status).toBe(404);
    expect((await admin.client.get(`/staff/cases/${other}/versions/1/definition`)).status).toBe(404);
    expect((await admin.client.post(`/staff/cases/${other}/versions/1/preview`, { _csrf: await csrf() })).status).toBe(404);
    expect((await admin.client.upload(`/staff/cases/${other}/versions`, { _csrf: await csrf() }, json({ ...CASE_B.definition, title: { ko: '바뀜', en: 'Changed' } }))).status).toBe(404);
    expect((await admin.client.post(`/staff/cases/${other}/versions/1/activate`, { _csrf: await csrf() })).status).toBe(404);
    expect((await stack.query(`SELECT count(*)::int AS n FROM case_versions WHERE case_id = $1`, [CASE_B.id]))[0].n).toBe(1);
    expect((await admin.client.get(`/staff/cases/${DEMO_CASE_SLUG}/versions/99/definition`)).status).toBe(404);
  });

  it('refuses an invalid definition with 422, every problem listed by part, and saves nothing', async () => {
    const broken = nextDefinition() as unknown as Record<string, any>;
    broken.claimPrefix = 'lower';
    broken.damages.minWon = 400_000;
    delete broken.rules.version;
    const refused = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'en' }, json(broken));
    expect(refused.status).toBe(422);
    const problems = testIdText(refused.body, 'definition-problems');
    const parts = [...problems.matchAll(/data-testid="problem-part" data-part="([^"]+)"/g)].map((m) => m[1]);
    expect(parts).toEqual(expect.arrayContaining(['case', 'rules', 'damages']));
    expect(textOf(problems)).toContain('claimPrefix');
    expect(textOf(problems)).toMatch(/Not saved: \d+ problems/);
    expect(await versionCount()).toBe(1);

    const notJson = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'en' }, { name: 'x.json', type: 'application/json', bytes: Buffer.from('{"slug": ') });
    expect(notJson.status).toBe(422);
    expect(textOf(testIdText(notJson.body, 'definition-problems'))).toContain('not valid JSON');
    // In a Korean session the problems are in Korean.
    const korean = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'ko' }, json(broken));
    expect(korean.status).toBe(422);
    expect(textOf(testIdText(korean.body, 'definition-problems'))).toContain('claimPrefix는 영문 대문자 2~5자여야 합니다.');
    expect(textOf(testIdText(korean.body, 'definition-problems'))).toContain('손해액 모델 damages');
    const empty = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'ko' }, { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(textOf(testIdText(empty.body, 'error-summary'))).toContain('사건 정의 JSON 파일을 고르거나 붙여 넣어 주세요');
    // More than a definition could need: refused by the upload's own limit, with the field named.
    const huge = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'en' }, { name: 'big.json', type: 'application/json', bytes: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    expect(huge.status).toBe(413);
    expect(textOf(testIdText(huge.body, 'error-summary'))).toContain('The definition is too large');
    expect(await versionCount()).toBe(1);
  });

  it('saves a valid definition as the next version (idempotently) and lists it', async () => {
    const saved = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'en' }, json(nextDefinition()));
    expect(saved.status).toBe(200);
    expect(testIdText(saved.body, 'flash')).toBe('The definition is valid and was saved as version 2.');
    expect(textOf(testIdText(saved.body, 'version-2'))).toContain('Saved');
    expect(textOf(testIdText(saved.body, 'version-2'))).toContain('coupang-2025.rules.console-test');
    expect(await versionCount()).toBe(2);
    // The same document again (pasted this time) is the same version.
    const again = await admin.client.upload(`/staff/cases/${DEMO_CASE_SLUG}/versions`, { _csrf: await csrf(), lang: 'en', text: JSON.stringify(nextDefinition()) }, { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) });
    expect(again.status).toBe(200);
    expect(testIdText(again.body, 'flash')).toBe('The same document is already saved as version 2; nothing new was saved.');
    expect(await versionCount()).toBe(2);
    expect(testIdText(again.body, 'active-version')).toBe('1');
  });

  it('previews re-scoring in a job, and activation then does exactly what the preview counted', async () => {
    // Claims under version 1, assessed by the worker: three tiers, two ages.
    const claimIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const body = validClaim();
      body.answers.exposedData = [['name_email'], ['name_email', 'phone_address'], ['entry_code']][i % 3];
      body.claimant.birthDate = i % 2 === 0 ? '1990-03-15' : '1960-01-01';
      const res = await submitClaim(stack.api, body);
      expect(res.status).toBe(201);
      claimIds.push(res.body.claimId);
    }
    await waitFor('the claims to be assessed', async () => {
      const [r] = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE id = ANY($1) AND status <> 'submitted'`, [claimIds]);
      return r.n === claimIds.length;
    }, 30_000);
    // People decided three of them (one whose amount will change, one whose verdict will, one unchanged).
    await stack.query(`UPDATE claims SET status = 'approved', decided_at = now() WHERE id = ANY($1)`, [[claimIds[1], claimIds[2], claimIds[3]]]);
    // And one was withdrawn: re-scoring leaves it alone.
    await stack.query(`UPDATE claims SET status = 'withdrawn' WHERE id = $1`, [claimIds[11]]);
    // A person asked one claimant for more: re-scoring re-reads the claim but keeps that request open.
    const asked = claimIds[4];
    const cureBy = addDays(seoulToday(), 30);
    const requested = await attorney.client.post(`/staff/claims/${asked}/request-information`, { _csrf: await csrfOf(attorney.client, `/staff/claims/${asked}`), items: 'breach-notice', cureBy });
    expect(requested.status).toBe(303);

    const started = await admin.client.post(`/staff/cases/${DEMO_CASE_SLUG}/versions/2/preview`, { _csrf: await csrf(), lang: 'en' });
    expect(started.status).toBe(303);
    expect(started.location).toMatch(new RegExp(`^/staff/cases/${DEMO_CASE_SLUG}/previews/[0-9a-f-]{36}\\?lang=en$`));
    const first = await admin.client.follow(started);
    expect(first.status).toBe(200);
    if (first.body.includes('data-state="running"')) expect(first.body).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    const done = await waitFor('the preview to finish', async () => {
      const page = await admin.client.follow(started);
      return page.body.includes('data-state="done"') ? page : null;
    }, 30_000);
    expect(done.body).not.toContain('http-equiv="refresh"');
    const preview = {
      evaluated: figure(done.body, 'preview-evaluated'),
      verdictChanged: figure(done.body, 'preview-verdict-changed'),
      amountChanged: figure(done.body, 'preview-amount-changed'),
      totalBefore: figure(done.body, 'preview-total-before'),
      totalAfter: figure(done.body, 'preview-total-after'),
      statusMoves: figure(done.body, 'preview-status-moves'),
      decided: figure(done.body, 'preview-decided'),
      flagged: figure(done.body, 'preview-flagged'),
      notRescored: figure(done.body, 'preview-not-rescored'),
      matrix: Object.fromEntries(VERDICTS.flatMap((from) => VERDICTS.map((to) => [`${from}>${to}`, figure(done.body, `matrix-${from}-${to}`)]))),
    };
    // The change is not empty: the test would prove nothing otherwise.
    expect(preview).toMatchObject({ evaluated: 11, decided: 3, notRescored: 1 });
    expect(preview.verdictChanged).toBeGreaterThan(0);
    expect(preview.amountChanged).toBeGreaterThan(0);
    expect(preview.flagged).toBeGreaterThan(0);
    expect(preview.flagged).toBeLessThan(3);
    // Nothing was changed by the preview.
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_assessments WHERE rules_version = 'coupang-2025.rules.console-test'`))[0].n).toBe(0);
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_flags`))[0].n).toBe(0);

    // The confirmation shows the change and the same figures; then activation.
    const toConfirm = hiddenLink(done.body, 'to-activate');
    const confirm = await admin.client.get(toConfirm);
    expect(confirm.status).toBe(200);
    expect(textOf(testIdText(confirm.body, 'activate-change'))).toContain('Version 1, in force now, will be replaced by version 2');
    expect(figure(confirm.body, 'preview-flagged')).toBe(preview.flagged);
    expect(figure(confirm.body, 'preview-verdict-changed')).toBe(preview.verdictChanged);
    const activated = await admin.client.post(`/staff/cases/${DEMO_CASE_SLUG}/versions/2/activate`, { _csrf: hiddenField(confirm.body, '_csrf'), preview: hiddenField(confirm.body, 'preview'), reason: 'stricter age rule', lang: 'en' });
    expect(activated.status).toBe(200);
    expect(testIdText(activated.body, 'flash')).toBe('Version 2 is in force. Re-scoring has started.');
    expect(testIdText(activated.body, 'active-version')).toBe('2');

    const [run] = await waitFor('re-scoring to finish', async () => {
      const rows = await stack.query(`SELECT status, total, done, reassessed, moved, flagged FROM rescore_runs WHERE to_version = 2`);
      return rows[0]?.status === 'done' ? rows : null;
    }, 60_000);
    // What re-scoring did, against what the preview said it would.
    expect(run.flagged).toBe(preview.flagged);
    expect(run.moved).toBe(preview.statusMoves);
    expect(run.reassessed).toBe(preview.evaluated - preview.decided);
    const pairs = await stack.query(
      `SELECT old.verdict AS "from", new.verdict AS "to", old.estimate_won AS before, new.estimate_won AS after
         FROM claims cl
         JOIN LATERAL (SELECT verdict, estimate_won FROM claim_assessments a WHERE a.claim_id = cl.id AND a.rules_version <> 'coupang-2025.rules.console-test' ORDER BY id DESC LIMIT 1) old ON true
         JOIN LATERAL (SELECT verdict, estimate_won FROM claim_assessments a WHERE a.claim_id = cl.id AND a.rules_version = 'coupang-2025.rules.console-test') new ON true
        WHERE cl.id = ANY($1)`,
      [claimIds],
    );
    expect(pairs).toHaveLength(preview.evaluated - preview.decided);
    const matrix = Object.fromEntries(VERDICTS.flatMap((from) => VERDICTS.map((to) => [`${from}>${to}`, pairs.filter((p) => p.from === from && p.to === to).length])));
    expect(preview.matrix).toEqual(matrix);
    expect(preview.verdictChanged).toBe(pairs.filter((p) => p.from !== p.to).length);
    expect(preview.amountChanged).toBe(pairs.filter((p) => p.before !== p.after).length);
    expect(preview.totalBefore).toBe(pairs.reduce((n, p) => n + p.before, 0));
    expect(preview.totalAfter).toBe(pairs.reduce((n, p) => n + p.after, 0));
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_flags`))[0].n).toBe(preview.flagged);
    // The staff request is still open under the new version: its item, its deadline, its verdict.
    const [kept] = await stack.query(
      `SELECT cl.status, a.verdict, a.deficiencies, a.rules_version AS "rulesVersion", to_char(a.cure_by, 'YYYY-MM-DD') AS "cureBy"
         FROM claims cl JOIN LATERAL (SELECT * FROM claim_assessments x WHERE x.claim_id = cl.id ORDER BY x.id DESC LIMIT 1) a ON true WHERE cl.id = $1`,
      [asked],
    );
    expect(kept).toMatchObject({ status: 'needs_information', verdict: 'needs_information', rulesVersion: 'coupang-2025.rules.console-test', cureBy });
    expect(kept.deficiencies).toContainEqual({ rule: 'staff-request', item: 'breach-notice' });
    // Decided claims stayed as people left them.
    expect((await stack.query(`SELECT count(*)::int AS n FROM claims WHERE id = ANY($1) AND status = 'approved'`, [[claimIds[1], claimIds[2], claimIds[3]]]))[0].n).toBe(3);

    // The case page shows the run; version 2 can no longer be previewed or activated.
    const page = await admin.client.get(`/staff/cases/${DEMO_CASE_SLUG}?lang=en`);
    expect(textOf(testIdText(page.body, 'rescore-2'))).toContain('Done');
    expect((await admin.client.post(`/staff/cases/${DEMO_CASE_SLUG}/versions/2/preview`, { _csrf: await csrf() })).status).toBe(409);
    // The old preview now describes another change.
    expect((await admin.client.follow(started)).body).toContain('data-testid="preview-outdated"');
  }, 120_000);
});

/** The href of the link with this data-testid. */
function hiddenLink(html: string, id: string): string {
  const match = new RegExp(`href="([^"]+)" data-testid="${id}"`).exec(html);
  if (!match) throw new Error(`no link ${id}`);
  return match[1].replace(/&amp;/g, '&');
}
