import { statusUrl } from '@app/claimants';
import { SignedTokens } from '@app/crypto';
import { validClaim } from '../support/claim-fixture';
import { inject, submitClaim } from '../support/http';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';

const LINK_DAYS = 7;

/**
 * The status a claimant sees is about their own claim only, behind a link that expires, that
 * they can replace by email, and that stops working once replaced.
 */
describe('the claimant status', () => {
  let stack: TestStack;

  /** The status link in the newest email to `email` whose subject matches. */
  const linkSentTo = async (email: string, subject: RegExp, after = 0) => {
    const mail = await stack.smtp.waitFor((m) => m.receivedAt >= after && JSON.stringify(m.to ?? '').includes(email) && subject.test(m.subject ?? ''));
    return /http:\/\/claims\.test\/status\?token=(\S+)/.exec(mail.text ?? '')![1];
  };
  const statusJson = (token: string) => inject(stack.api, 'GET', `/api/claims/status?token=${token}`);
  const statusPage = (token: string, language = 'ko') => stack.api.inject({ method: 'GET', url: `/status?token=${token}`, headers: { 'accept-language': language } });
  /** Files a claim and waits for its receipt (the claim is assessed by then); its status token. */
  const fileAndWait = async (body: ReturnType<typeof validClaim>) => (await file(body)).token;
  const file = async (body: ReturnType<typeof validClaim>) => {
    const res = await submitClaim(stack.api, body, { 'accept-language': 'en' });
    expect(res.status).toBe(201);
    return { claimNumber: res.body.claimNumber as string, token: await linkSentTo(body.claimant.email, new RegExp(res.body.claimNumber)) };
  };
  const requestNewLink = async (email: string) =>
    inject(stack.api, 'POST', '/api/cases/coupang-2025/status-links', { email }, { ...(await solvedChallenge(stack.api)), 'accept-language': 'en' });

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true, env: { STATUS_LINK_DAYS: String(LINK_DAYS) } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe("does not reveal other people's claims", () => {
    it("filing with a victim's mobile number shows exactly what a clean claim shows; staff see the signal", async () => {
      const victim = validClaim({ phone: '010-4321-8765' });
      await fileAndWait(victim);
      const attacker = validClaim({ phone: '010-4321-8765' });
      const control = validClaim();
      const { token: attackerToken, claimNumber } = await file(attacker);
      const controlToken = await fileAndWait(control);

      const seen = async (token: string) => {
        const { body } = await statusJson(token);
        const { claimNumber, submittedAt, statusChangedAt, timeline, ...rest } = body;
        // The milestones, without their times (the two claims were filed moments apart).
        return { ...rest, timeline: (timeline as { milestone: string }[]).map((m) => m.milestone) };
      };
      const attackerView = await seen(attackerToken);
      expect(attackerView).toEqual(await seen(controlToken));
      expect(attackerView).toMatchObject({ status: 'screened', assessment: { verdict: 'eligible' } });
      expect(JSON.stringify(attackerView)).not.toMatch(/one-person-one-claim|same mobile|휴대전화|staffOnly/);
      const page = await statusPage(attackerToken, 'en');
      expect(page.body).toContain('Checked · waiting for a lawyer');
      expect(page.body).not.toMatch(/same mobile|Being reviewed/);

      // Staff still see why it needs a look.
      const [row] = await stack.query(
        `SELECT a.verdict, c.status, a.reasons::text AS reasons FROM claim_assessments a JOIN claims c ON c.id = a.claim_id WHERE c.claim_number = $1`,
        [claimNumber],
      );
      expect(row).toMatchObject({ verdict: 'manual_review', status: 'manual_review' });
      expect(row.reasons).toContain('one-person-one-claim');
    });

    it("a claim held for a victim's number that also lacks the notice is asked for it as a clean claim is, and can cure it", async () => {
      const victim = validClaim({ phone: '010-2468-1357' });
      await fileAndWait(victim);
      const attacker = validClaim({ phone: '010-2468-1357' });
      attacker.answers.noticeReceived = 'none';
      const control = validClaim();
      control.answers.noticeReceived = 'none';
      const { token: attackerToken, claimNumber } = await file(attacker);
      const controlToken = await fileAndWait(control);
      const seen = async (token: string) => {
        const { body } = await statusJson(token);
        const { claimNumber: _n, submittedAt, statusChangedAt, timeline, ...rest } = body;
        return { ...rest, timeline: (timeline as { milestone: string }[]).map((m) => m.milestone) };
      };
      const attackerView = await seen(attackerToken);
      // Same notice, same deadline, same way to cure it.
      expect(attackerView).toEqual(await seen(controlToken));
      expect(attackerView).toMatchObject({ status: 'needs_information', assessment: { deficiencies: [expect.objectContaining({ item: 'breach-notice', evidence: 'breach_notice' })] } });
      expect(attackerView.assessment.cureBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Both get the deficiency notice by email.
      for (const email of [attacker.claimant.email, control.claimant.email]) {
        await stack.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(email) && /More information needed|need more information/i.test(m.subject ?? ''));
      }
      // The answer cures it like any other: back to be checked, and the staff-only signal holds it for review again.
      const cured = await inject(stack.api, 'POST', '/api/claims/cure', { token: decodeURIComponent(attackerToken), answers: { noticeReceived: 'leak' } });
      expect(cured.status).toBe(200);
      const [claim] = await stack.query(`SELECT id FROM claims WHERE claim_number = $1`, [claimNumber]);
      const moves = await stack.query(`SELECT from_status, to_status, actor FROM claim_events WHERE claim_id = $1 ORDER BY id`, [claim.id]);
      expect(moves.slice(0, 3)).toEqual([
        { from_status: null, to_status: 'submitted', actor: 'claimant' },
        { from_status: 'submitted', to_status: 'manual_review', actor: 'system' },
        { from_status: 'manual_review', to_status: 'submitted', actor: 'claimant' },
      ]);
    });
  });

  describe('links', () => {
    it('last as long as STATUS_LINK_DAYS says', async () => {
      const body = validClaim();
      const token = decodeURIComponent(await fileAndWait(body));
      const expiresAt = parseInt(token.split('.')[1], 36) * 1000;
      const days = (expiresAt - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(LINK_DAYS - 0.1);
      expect(days).toBeLessThanOrEqual(LINK_DAYS);
    });

    it('stop working when they expire', async () => {
      const [claim] = await stack.query(`SELECT id, firm_id AS "firmId", status_link_version AS version FROM claims LIMIT 1`);
      const expired = statusUrl(stack.api.get(SignedTokens), 'http://claims.test', { firmId: claim.firmId, claimId: claim.id, version: claim.version }, -1);
      const fresh = statusUrl(stack.api.get(SignedTokens), 'http://claims.test', { firmId: claim.firmId, claimId: claim.id, version: claim.version }, 1);
      expect((await statusJson(fresh.split('token=')[1])).status).toBe(200);
      expect((await statusJson(expired.split('token=')[1])).status).toBe(404);
    });

    it('are replaced on request: the new one works, every earlier one stops', async () => {
      const body = validClaim();
      const first = await fileAndWait(body);
      expect((await statusJson(first)).status).toBe(200);

      const asked = Date.now();
      const res = await requestNewLink(body.claimant.email);
      expect(res.status).toBe(202);
      const second = await linkSentTo(body.claimant.email, /status link|현황/i, asked);
      expect(second).not.toBe(first);
      expect((await statusJson(second)).status).toBe(200);
      expect((await statusJson(first)).status).toBe(404);
      expect((await statusPage(first)).statusCode).toBe(404);

      // A third request ends the second.
      const again = Date.now();
      await requestNewLink(body.claimant.email);
      const third = await linkSentTo(body.claimant.email, /status link|현황/i, again);
      expect((await statusJson(third)).status).toBe(200);
      expect((await statusJson(second)).status).toBe(404);
    });

    it('are requested with the same answer whether or not the address has a claim, and nothing is sent without one', async () => {
      const filed = validClaim();
      await fileAndWait(filed);
      const notifications = async () => (await stack.query('SELECT count(*)::int AS n FROM notifications'))[0].n;
      const before = await notifications();
      const unknown = await requestNewLink(validClaim().claimant.email);
      expect(await notifications()).toBe(before);
      const known = await requestNewLink(filed.claimant.email);
      expect(await notifications()).toBe(before + 1);
      expect(unknown.status).toBe(202);
      expect(known.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
    });
  });

  describe('an invalid link', () => {
    it.each([['garbage', 'not-a-token'], ['nothing', ''], ['a forged claim', 'a~b~1.zzzzzz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']])(
      'answers 404 for %s, in the page language',
      async (_label, token) => {
        const ko = await statusPage(token);
        expect(ko.statusCode).toBe(404);
        expect(ko.headers['content-type']).toMatch(/text\/html/);
        expect(ko.body).toContain('링크가 올바르지 않거나 만료되었습니다');
        const en = await statusPage(token, 'en');
        expect(en.statusCode).toBe(404);
        expect(en.body).toContain('This link is invalid or has expired');
        expect(ko.headers['cache-control']).toBe('no-store');
      },
    );
  });
});
