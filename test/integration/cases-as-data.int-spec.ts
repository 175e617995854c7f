import { createHash } from 'node:crypto';
import { CaseVersions, DEMO_CASE_SLUG, DEMO_DEFINITION, DefinitionRejected, TELECOM_CASE_SLUG, TELECOM_DEFINITION, type CaseDefinition } from '@app/cases';
import { shownMandateSha256, validClaim } from '../support/claim-fixture';
import { inject, submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const OPS_TOKEN = 'test-ops-token-0123456789abcdef0123';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Cases as versioned data, on the real Postgres and Redis with a worker: saving and refusing
 * versions, atomic audited activation, intake of both demo cases against their own
 * questionnaires, re-assessment after a cure, and re-scoring after an activation.
 */
describe('cases as data', () => {
  let stack: TestStack;
  let versions: CaseVersions;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true, env: { OPS_TOKEN, RESCORE_CHUNK: '7' } });
    versions = stack.api.get(CaseVersions);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const activeVersion = async (slug: string) => (await stack.query(`SELECT active_version FROM cases WHERE slug = $1`, [slug]))[0].active_version as number;
  const versionCount = async (slug: string) =>
    (await stack.query(`SELECT count(*)::int AS n FROM case_versions v JOIN cases c ON c.id = v.case_id WHERE c.slug = $1`, [slug]))[0].n as number;
  const refusal = async (definition: unknown, slug = DEMO_CASE_SLUG) => {
    const error = await versions.save(slug, definition, 'test').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionRejected);
    return (error as DefinitionRejected).problems;
  };
  const copy = (): CaseDefinition => structuredClone(DEMO_DEFINITION);
  /** Files a claim and waits until the worker has assessed it; returns its id. */
  const fileAssessed = async (body: ReturnType<typeof validClaim>, slug = DEMO_CASE_SLUG) => {
    const res = await submitClaim(stack.api, body, {}, slug);
    expect(res.status).toBe(201);
    await waitFor('the first assessment', async () => (await stack.query(`SELECT 1 FROM claim_assessments WHERE claim_id = $1`, [res.body.claimId])).length > 0, 20_000);
    return res.body.claimId as string;
  };

  describe('saving a version', () => {
    it('refuses a definition with problems, naming each part, item and why, and leaves the case as it was', async () => {
      const before = { active: await activeVersion(DEMO_CASE_SLUG), count: await versionCount(DEMO_CASE_SLUG) };
      const bad = copy();
      bad.rules.rules[0].passes = { '==': [{ var: 'answers.noSuchQuestion' }, true] };
      delete (bad.questionnaire.questions[1].text as Partial<CaseDefinition['title']>).en;
      bad.rules.rules.find((r) => r.id === 'not-represented-elsewhere')!.passes = { '==': [{ var: 'answers.noticeReceived' }, 'rumour'] };
      bad.damages.minWon = 400_000;
      const problems = await refusal(bad);
      expect(problems).toEqual(
        expect.arrayContaining([
          { part: 'rules', item: 'in-leaked-set', message: expect.objectContaining({ en: expect.stringContaining('"noSuchQuestion", which no question asks') }) },
          { part: 'questionnaire', item: 'exposedData', message: { ko: '질문 내용에 영어 문구가 없습니다.', en: 'the question text has no English version' } },
          { part: 'rules', item: 'not-represented-elsewhere', message: expect.objectContaining({ en: expect.stringContaining('unreachable') }) },
          { part: 'damages', item: 'bounds', message: expect.objectContaining({ en: expect.stringContaining('no amount can hold') }) },
        ]),
      );
      expect({ active: await activeVersion(DEMO_CASE_SLUG), count: await versionCount(DEMO_CASE_SLUG) }).toEqual(before);
    });

    it('refuses a changed part saved under a version string already used, and a document for another case', async () => {
      const changed = copy();
      changed.damages.tiers.levels[1].addWon = 35_000; // same "coupang-2025.damages.v1"
      expect(await refusal(changed)).toEqual([{ part: 'damages', item: 'version', message: expect.objectContaining({ en: expect.stringContaining('already saved with other content') }) }]);
      expect(await refusal(copy(), TELECOM_CASE_SLUG)).toEqual([{ part: 'case', item: 'slug', message: expect.objectContaining({ en: expect.stringContaining('not "telecom-sim-2026"') }) }]);
    });

    it('saves the same document once, whatever its key order', async () => {
      const reordered = JSON.parse(JSON.stringify(DEMO_DEFINITION, Object.keys(DEMO_DEFINITION).reverse())) as CaseDefinition;
      const again = await versions.save(DEMO_CASE_SLUG, { ...reordered, ...DEMO_DEFINITION }, 'test');
      expect(again).toMatchObject({ version: 1, created: false });
    });
  });

  describe('intake of both demo cases', () => {
    it('takes a telecom claim with its own questions, two consents and its mandate, recording versions, language and the hash of the text shown', async () => {
      const body = validClaim({}, TELECOM_CASE_SLUG);
      body.signature.language = 'en';
      const res = await submitClaim(stack.api, body, {}, TELECOM_CASE_SLUG);
      expect(res.status).toBe(201);
      expect(res.body.claimNumber).toMatch(/^TS-/);
      const [claim] = await stack.query(`SELECT case_version, questionnaire_version, answers FROM claims WHERE id = $1`, [res.body.claimId]);
      expect(claim).toEqual({ case_version: 1, questionnaire_version: 'telecom-sim-2026.questions.v1', answers: body.answers });
      const consents = await stack.query(`SELECT purpose, granted, version, text_language, encode(text_sha256, 'hex') AS sha FROM consents WHERE claim_id = $1 ORDER BY purpose`, [res.body.claimId]);
      expect(consents).toEqual(
        TELECOM_DEFINITION.consents.items
          .map((c) => ({ purpose: c.purpose, granted: true, version: 'telecom-2026-05-01', text_language: 'en', sha: sha256(c.text.en) }))
          .sort((a, b) => a.purpose.localeCompare(b.purpose)),
      );
      const [signature] = await stack.query(`SELECT document_version, document_language, encode(document_sha256, 'hex') AS sha FROM signatures WHERE claim_id = $1`, [res.body.claimId]);
      expect(signature).toEqual({ document_version: 'telecom-mandate-2026-05-01', document_language: 'en', sha: shownMandateSha256(body, TELECOM_CASE_SLUG, 'en') });
      // The worker assesses it with the telecom rules and model: IMSI leaked, 100,000 + 50,000.
      const assessment = await waitFor('the telecom assessment', async () => (await stack.query(`SELECT verdict, estimate_won, rules_version FROM claim_assessments WHERE claim_id = $1`, [res.body.claimId]))[0]);
      expect(assessment).toEqual({ verdict: 'eligible', estimate_won: 150_000, rules_version: 'telecom-sim-2026.rules.v2' });
    });

    it("refuses coupang's answers for the telecom case, naming each question in the claimant's language, and writes nothing", async () => {
      const [before] = await stack.query(`SELECT count(*)::int AS n FROM claims`);
      const body = { ...validClaim({}, TELECOM_CASE_SLUG), answers: validClaim().answers };
      const res = await submitClaim(stack.api, body, { 'accept-language': 'en' }, TELECOM_CASE_SLUG);
      expect(res.status).toBe(400);
      const byField = Object.fromEntries(res.body.errors.map((e: { field: string; code: string; message: string }) => [e.field, e]));
      expect(byField['answers.noticeReceived']).toMatchObject({ code: 'whitelistValidation' });
      expect(byField['answers.subscriber']).toMatchObject({ code: 'isDefined', message: 'Did you have a Hanbit Telecom line in April 2026? is required.' });
      expect((await stack.query(`SELECT count(*)::int AS n FROM claims`))[0]).toEqual(before);
    });

    it('reports the form and the case problems in one answer, and asks about a question shown by an answer', async () => {
      const body = validClaim({}, TELECOM_CASE_SLUG);
      body.claimant.phone = 'nope';
      body.answers.cloningHarm = true; // shows cloningReported, left unanswered
      body.consents.granted.third_party = false;
      body.signature.mandateVersion = 'old-mandate';
      const res = await submitClaim(stack.api, body, {}, TELECOM_CASE_SLUG);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
        'answers.cloningReported:isDefined',
        'claimant.phone:koreanMobile',
        'consents.granted.third_party:consentRequired',
        'signature.mandateVersion:currentVersion',
      ]);
      expect(res.body.errors.find((e: { field: string }) => e.field === 'answers.cloningReported').message).toBe('그 피해를 경찰에 신고하셨나요? 항목을 입력해 주세요.');
    });

    it('publishes each case with its questionnaire, consents and per-language mandate hashes, and no rules', async () => {
      const res = await inject(stack.api, 'GET', `/api/cases/${TELECOM_CASE_SLUG}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ slug: TELECOM_CASE_SLUG, version: 1, damages: { minWon: 100_000, maxWon: 250_000 } });
      expect(res.body.questionnaire.questions.map((q: { id: string }) => q.id)).toContain('cloningReported');
      expect(res.body.consents.items.map((c: { purpose: string }) => c.purpose)).toEqual(['collection', 'third_party']);
      expect(res.body.mandate.sha256).toEqual({ ko: sha256(TELECOM_DEFINITION.mandate.text.ko), en: sha256(TELECOM_DEFINITION.mandate.text.en) });
      expect(JSON.stringify(res.body)).not.toMatch(/staffOnly|samePhoneClaims|ip-burst/);
    });
  });

  describe('assessment that follows the facts', () => {
    it('asks for what is missing with a cure deadline, and assesses the cured claim again as a new attempt', async () => {
      const body = validClaim();
      body.answers.noticeReceived = 'none';
      const claimId = await fileAssessed(body);
      const [first] = await stack.query(`SELECT verdict, deficiencies, cure_by::text, trigger, facts_version FROM claim_assessments WHERE claim_id = $1`, [claimId]);
      expect(first).toMatchObject({ verdict: 'needs_information', deficiencies: [{ rule: 'in-leaked-set', item: 'breach-notice' }], trigger: 'submitted', facts_version: 1 });
      const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
      expect(first.cure_by).toBe(new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10));
      expect((await stack.query(`SELECT status FROM claims WHERE id = $1`, [claimId]))[0].status).toBe('needs_information');

      const mail = await stack.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(body.claimant.email));
      const token = /status\?token=(\S+)/.exec(mail.text ?? '')![1];
      // Besides the receipt, one deficiency notice: what is missing and by when, with the way to send it.
      const notice = await stack.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(body.claimant.email) && (m.subject ?? '').includes('추가 자료가 필요합니다'));
      expect(notice.text).toContain('- 유출 통지(문자, 이메일, 앱 화면) 캡처');
      expect(notice.text).toContain(`제출 기한: ${first.cure_by}`);
      expect(notice.text).toContain('/status?token=');
      const status = await inject(stack.api, 'GET', `/api/claims/status?token=${token}`);
      expect(status.body.assessment.deficiencies).toEqual([{ item: 'breach-notice', ko: expect.stringContaining('캡처'), en: expect.stringContaining('screenshot'), evidence: 'breach_notice' }]);
      expect(status.body.assessment.cureBy).toBe(first.cure_by);

      // A bad cure is refused and changes nothing.
      const bad = await inject(stack.api, 'POST', '/api/claims/cure', { token, answers: { noticeReceived: 'rumour' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'answers.noticeReceived', code: 'isIn' })]);

      const cured = await inject(stack.api, 'POST', '/api/claims/cure', { token, answers: { noticeReceived: 'leak' } });
      expect(cured.status).toBe(200);
      expect(cured.body).toMatchObject({ status: 'submitted', factsVersion: 2 });
      await waitFor('the claim to be assessed again', async () => (await stack.query(`SELECT status FROM claims WHERE id = $1`, [claimId]))[0].status === 'screened', 20_000);

      const attempts = await stack.query(`SELECT verdict, trigger, facts_version FROM claim_assessments WHERE claim_id = $1 ORDER BY id`, [claimId]);
      expect(attempts).toEqual([
        { verdict: 'needs_information', trigger: 'submitted', facts_version: 1 },
        { verdict: 'eligible', trigger: 'cured', facts_version: 2 },
      ]);
      const events = await stack.query(`SELECT from_status, to_status, actor, reason FROM claim_events WHERE claim_id = $1 ORDER BY id`, [claimId]);
      expect(events.map((e) => `${e.from_status}->${e.to_status}:${e.actor}`)).toEqual([
        'null->submitted:claimant',
        'submitted->needs_information:system',
        'needs_information->submitted:claimant',
        'submitted->screened:system',
      ]);
      // Curing twice is not possible: the claim no longer waits for information.
      expect((await inject(stack.api, 'POST', '/api/claims/cure', { token, answers: { noticeReceived: 'leak' } })).status).toBe(409);
      // One receipt only, however often the claim is assessed.
      expect((await stack.query(`SELECT count(*)::int AS n FROM notifications WHERE claim_id = $1 AND template = 'claim-receipt'`, [claimId]))[0].n).toBe(1);
    });
  });

  describe('re-scoring after an activation', () => {
    it('re-assesses open claims in chunks, moves them through the status machine, flags decided ones, and reports progress', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const body = validClaim();
        body.answers.exposedData = ['phone_address'];
        ids.push(await fileAssessed(body));
      }
      // A decided claim: staff approved it (done here as the database owner, with its event).
      const decided = ids[0];
      await stack.query(`UPDATE claims SET status = 'approved' WHERE id = $1`, [decided]);
      await stack.query(`INSERT INTO claim_events (claim_id, firm_id, from_status, to_status, actor) SELECT id, firm_id, 'screened', 'approved', 'staff:test' FROM claims WHERE id = $1`, [decided]);

      // Counsel raises the phone/address tier from 30,000 to 40,000.
      const next = copy();
      next.damages.version = 'coupang-2025.damages.v2';
      next.damages.tiers.levels[1].addWon = 40_000;
      const saved = await versions.save(DEMO_CASE_SLUG, next, 'counsel@test');
      expect(saved).toMatchObject({ version: 2, created: true });
      expect(await activeVersion(DEMO_CASE_SLUG)).toBe(1);
      const activation = await versions.activate(DEMO_CASE_SLUG, 2, 'counsel@test', 'court ruling');
      expect(await activeVersion(DEMO_CASE_SLUG)).toBe(2);
      const [audit] = await stack.query(`SELECT from_version, to_version, actor, reason FROM case_activations WHERE id = $1`, [activation.activationId]);
      expect(audit).toEqual({ from_version: 1, to_version: 2, actor: 'counsel@test', reason: 'court ruling' });

      const run = await waitFor(
        'the re-scoring to finish',
        async () => (await stack.query(`SELECT * FROM rescore_runs WHERE id = $1 AND status = 'done'`, [activation.activationId]))[0],
        60_000,
      );
      const [{ n: inCase }] = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE case_id = $1`, [run.case_id]);
      expect(run).toMatchObject({ from_version: 1, to_version: 2, total: inCase, done: inCase });

      for (const id of ids.slice(1)) {
        const rows = await stack.query(`SELECT estimate_won, model_version, trigger, case_version FROM claim_assessments WHERE claim_id = $1 ORDER BY id`, [id]);
        expect(rows).toEqual([
          { estimate_won: 230_000, model_version: 'coupang-2025.damages.v1', trigger: 'submitted', case_version: 1 },
          { estimate_won: 240_000, model_version: 'coupang-2025.damages.v2', trigger: 'rescore', case_version: 2 },
        ]);
      }
      // The approved claim keeps its assessment and status; it is flagged with the old and new result.
      expect(await stack.query(`SELECT model_version FROM claim_assessments WHERE claim_id = $1`, [decided])).toEqual([{ model_version: 'coupang-2025.damages.v1' }]);
      expect((await stack.query(`SELECT status FROM claims WHERE id = $1`, [decided]))[0].status).toBe('approved');
      const flags = await stack.query(`SELECT kind, details FROM claim_flags WHERE claim_id = $1`, [decided]);
      expect(flags).toEqual([
        {
          kind: 'result-changed',
          details: expect.objectContaining({ old: expect.objectContaining({ estimateWon: 230_000 }), new: expect.objectContaining({ estimateWon: 240_000, modelVersion: 'coupang-2025.damages.v2' }) }),
        },
      ]);
      expect(run.flagged).toBeGreaterThanOrEqual(1);

      // Progress through the API, behind the operators' token.
      expect((await inject(stack.api, 'GET', `/api/ops/cases/${DEMO_CASE_SLUG}/rescores/${run.id}`)).status).toBe(401);
      const progress = await inject(stack.api, 'GET', `/api/ops/cases/${DEMO_CASE_SLUG}/rescores/${run.id}`, undefined, { 'x-ops-token': OPS_TOKEN });
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({ id: run.id, status: 'done', total: inCase, done: inCase, remaining: 0, fromVersion: 1, toVersion: 2 });
      expect(progress.body.ratePerSecond).toBeGreaterThan(0);

      // A re-activation of the same version changes nothing and starts no run.
      expect(await versions.activate(DEMO_CASE_SLUG, 2, 'counsel@test')).toMatchObject({ activationId: null });
    });
  });
});
