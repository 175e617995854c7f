import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { DEMO_DEFINITION } from '@app/cases';
import { PageClient, textOf } from '../support/page-client';
import type { ReceivedMail } from '../support/smtp-sink';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const SLUG = 'coupang-2025';
const sentTo = (mail: ReceivedMail, address: string) => [mail.to].flat().some((a) => a?.text.includes(address));
const ANSWERS = {
  'q.noticeReceived': 'leak',
  'q.exposedData': ['name_email', 'phone_address'],
  'q.secondaryHarm': 'no',
  'q.voucherUsed': 'no',
  'q.otherRepresentation': 'no',
  'q.usResident': 'no',
  'q.learnedOn': '2025-12-01',
};

/** The claim form through HTTP with no script, as a phone without JavaScript would use it: every step, every refusal. */
describe('the claim form', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Proves an address the way the pages do: a solved challenge in the form, the code from the email. */
  async function startDraft(client: PageClient, email: string, lang = 'ko') {
    const pow = Object.values(await solvedChallenge(stack.api))[0];
    const before = new Set(stack.smtp.messages);
    const asked = await client.post(`/c/${SLUG}/join/email`, { email, altcha: pow, lang });
    expect(asked.status).toBe(303);
    const codePage = await client.follow(asked);
    expect(codePage.status).toBe(200);
    const verificationId = /name="verificationId" value="([^"]+)"/.exec(codePage.body)![1];
    const mail = await stack.smtp.waitFor((m) => !before.has(m) && sentTo(m, email) && /확인 코드|code/.test(m.subject ?? ''));
    const code = /(\d{6})/.exec(mail.subject ?? '')![1];
    return client.post(`/c/${SLUG}/join/code`, { verificationId, code, lang });
  }

  const identity = (name = '김하늘', extra: Record<string, string> = {}) => ({
    lang: 'ko',
    filer: 'self',
    'claimant.name': name,
    'claimant.birthDate': '19900315',
    'claimant.phone': `010-${String(randomBytes(2).readUInt16BE() % 10000).padStart(4, '0')}-${String(randomBytes(2).readUInt16BE() % 10000).padStart(4, '0')}`,
    'claimant.address.postalCode': '06236',
    'claimant.address.line1': '서울특별시 강남구 테헤란로 152',
    'claimant.address.line2': '101동 1001호',
    ...extra,
  });

  it('takes a claimant from the email code to a filed claim, step by step, with the evidence and the signed mandate', async () => {
    const client = new PageClient(stack.api);
    const email = `form-${randomBytes(4).toString('hex')}@example.com`;
    const start = await client.get(`/c/${SLUG}/join`);
    expect(start.status).toBe(200);
    expect(start.body).toContain('data-pow');

    const verified = await startDraft(client, email);
    expect(verified.status).toBe(303);
    expect(client.cookies.has('claim_draft')).toBe(true);
    const cookie = [verified.headers['set-cookie']].flat().join(';');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // The resume link is emailed at once.
    const resumeMail = await stack.smtp.waitFor((m) => sentTo(m, email) && (m.text ?? '').includes('/join/resume?token='));
    expect(resumeMail.text).toContain('비밀번호를 묻지 않습니다');

    // Consent comes first; the required ones must be ticked, the optional one is not pre-ticked.
    const consents = await client.follow(await client.get(`/c/${SLUG}/join`));
    expect(consents.status).toBe(200);
    expect(consents.body).toContain('name="consent.marketing"');
    expect(consents.body).not.toMatch(/name="consent\.marketing" value="yes" checked/);
    const refused = await client.post(`/c/${SLUG}/join/consents`, { lang: 'ko', 'consent.collection': 'yes' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('개인정보 제3자 제공 동의」에 동의해야');
    const agreed = await client.post(`/c/${SLUG}/join/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' });
    expect(agreed.location).toBe(`/c/${SLUG}/join/identity?lang=ko`);

    // Details: each wrong field named beside it; a minor filing alone is told to file through a guardian.
    const bad = await client.post(`/c/${SLUG}/join/identity`, identity('김하늘', { 'claimant.phone': '02-123-4567', 'claimant.address.postalCode': '1234' }));
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('휴대전화 번호는 010-1234-5678 형식으로');
    expect(textOf(bad.body)).toContain('우편번호는 숫자 5자리');
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('value="02-123-4567"');
    const minor = await client.post(`/c/${SLUG}/join/identity`, identity('김하늘', { 'claimant.birthDate': '20120505' }));
    expect(minor.status).toBe(400);
    expect(textOf(minor.body)).toContain('법정대리인');
    const details = await client.post(`/c/${SLUG}/join/identity`, identity());
    expect(details.location).toBe(`/c/${SLUG}/join/questions?lang=ko`);

    // A step further than reached sends the person back to where they are.
    expect((await client.get(`/c/${SLUG}/join/mandate`)).location).toBe(`/c/${SLUG}/join/questions?lang=ko`);

    // Questions: a missing answer is named by its question; a conditional one is asked when called for.
    const missing = await client.post(`/c/${SLUG}/join/questions`, { ...ANSWERS, lang: 'ko', 'q.secondaryHarm': 'yes' });
    expect(missing.status).toBe(400);
    expect(textOf(missing.body)).toContain('어떤 피해였는지 짧게 적어 주세요');
    const answered = await client.post(`/c/${SLUG}/join/questions`, { ...ANSWERS, lang: 'ko' });
    expect(answered.location).toBe(`/c/${SLUG}/join/evidence?lang=ko`);

    // Evidence: the notice screenshot goes in; a renamed program does not.
    const shot = await sharp({ create: { width: 400, height: 800, channels: 3, background: '#f5f5f5' } })
      .withExif({ IFD0: { Copyright: 'exif-secret-marker' } })
      .jpeg()
      .toBuffer();
    const uploaded = await client.upload(`/c/${SLUG}/join/evidence/files`, { lang: 'ko', kind: 'breach_notice' }, { name: 'notice.jpg', type: 'image/jpeg', bytes: shot });
    expect(uploaded.status).toBe(303);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), randomBytes(512)]);
    const program = await client.upload(`/c/${SLUG}/join/evidence/files`, { lang: 'ko', kind: 'breach_notice' }, { name: 'notice.jpg', type: 'image/jpeg', bytes: exe });
    expect(program.status).toBe(422);
    expect(textOf(program.body)).toContain('실행 파일');
    // The same file again (a retry after a lost answer) is the one already there, not a second.
    const again = await client.upload(`/c/${SLUG}/join/evidence/files`, { lang: 'ko', kind: 'breach_notice' }, { name: 'notice (1).jpg', type: 'image/jpeg', bytes: shot });
    expect(again.status).toBe(303);
    const evidencePage = await client.get(`/c/${SLUG}/join/evidence?lang=ko`);
    expect(evidencePage.body.match(/data-testid="evidence-file"/g)).toHaveLength(1);
    const onEvidence = await client.post(`/c/${SLUG}/join/evidence`, { lang: 'ko' });
    expect(onEvidence.location).toBe(`/c/${SLUG}/join/mandate?lang=ko`);

    // The mandate, in full, with the claimant's details; signed by their own name only.
    const mandate = await client.get(`/c/${SLUG}/join/mandate?lang=ko`);
    expect(textOf(mandate.body)).toContain('성명: 김하늘');
    expect(textOf(mandate.body)).toContain(DEMO_DEFINITION.mandate.text.ko.split('\n')[1]);
    const shownSha = /data-testid="mandate-sha256"[^>]*>([0-9a-f]{64})</.exec(mandate.body)![1];
    const wrongName = await client.post(`/c/${SLUG}/join/mandate`, { lang: 'ko', typedName: '김하나', agreed: 'yes' });
    expect(wrongName.status).toBe(400);
    expect(textOf(wrongName.body)).toContain('서명란에 신청인 이름을');
    const unticked = await client.post(`/c/${SLUG}/join/mandate`, { lang: 'ko', typedName: '김하늘' });
    expect(unticked.status).toBe(400);
    const signed = await client.post(`/c/${SLUG}/join/mandate`, { lang: 'ko', typedName: '김하늘', agreed: 'yes' }, { 'user-agent': 'form-test-agent' });
    expect(signed.location).toBe(`/c/${SLUG}/join/review?lang=ko`);

    const review = await client.get(`/c/${SLUG}/join/review?lang=ko`);
    expect(textOf(review.body)).toContain(email);
    expect(textOf(review.body)).toContain('230,000원');
    const submitted = await client.post(`/c/${SLUG}/join/submit`, { lang: 'ko' });
    expect(submitted.location).toBe(`/c/${SLUG}/join/done?lang=ko`);
    const done = await client.follow(submitted);
    const claimNumber = /data-testid="claim-number">([^<]+)</.exec(done.body)![1];
    expect(claimNumber).toMatch(/^CP-/);
    // A second tap of "submit" is the same claim.
    expect((await client.post(`/c/${SLUG}/join/submit`, { lang: 'ko' })).location).toBe(`/c/${SLUG}/join/done?lang=ko`);

    // What the court will ask for: the signature as shown, the draft's file on the claim, nothing left in the draft.
    const [claim] = await stack.query(`SELECT c.id, c.claim_number FROM claims c WHERE c.claim_number = $1`, [claimNumber]);
    const [signature] = await stack.query(`SELECT encode(document_sha256, 'hex') AS sha, user_agent, signer, document_text_enc IS NOT NULL AS kept FROM signatures WHERE claim_id = $1`, [claim.id]);
    expect(signature).toEqual({ sha: shownSha, user_agent: 'form-test-agent', signer: 'claimant', kept: true });
    expect(await stack.query(`SELECT kind FROM evidence_files WHERE owner_id = $1 AND removed_at IS NULL`, [claim.id])).toEqual([{ kind: 'breach_notice' }]);
    expect(await stack.query(`SELECT data_enc IS NULL AS emptied, submitted_at IS NOT NULL AS submitted FROM claim_drafts WHERE id = $1`, [claim.id])).toEqual([{ emptied: true, submitted: true }]);
    expect((await stack.query(`SELECT count(*)::int AS n FROM claims WHERE claim_number = $1`, [claimNumber]))[0].n).toBe(1);

    // The receipt comes by email with the claim number, and the worker prepared the file for review.
    const receipt = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(claimNumber), 20_000);
    expect(sentTo(receipt, email)).toBe(true);
    await waitFor('the upload prepared', async () => (await stack.query(`SELECT 1 FROM evidence_files WHERE owner_id = $1 AND status = 'ready' AND thumbnail_key IS NOT NULL`, [claim.id])).length > 0, 20_000);
  });

  it('resumes a half-filled form from the emailed link on another device', async () => {
    const phone = new PageClient(stack.api);
    const email = `resume-${randomBytes(4).toString('hex')}@example.com`;
    await startDraft(phone, email);
    await phone.post(`/c/${SLUG}/join/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' });
    await phone.post(`/c/${SLUG}/join/identity`, identity('박서준'));

    const mail = await stack.smtp.waitFor((m) => sentTo(m, email) && (m.text ?? '').includes('/join/resume?token='));
    const link = /(http:\/\/claims\.test\/c\/\S+\/join\/resume\?token=\S+)/.exec(mail.text ?? '')![1].replace('http://claims.test', '');
    const laptop = new PageClient(stack.api);
    const opened = await laptop.get(link);
    expect(opened.status).toBe(303);
    expect(laptop.cookies.has('claim_draft')).toBe(true);
    const where = await laptop.follow(await laptop.follow(opened));
    // Back at the first step not done, with what was typed on the phone.
    expect(where.body).toContain('name="q.noticeReceived"');
    const details = await laptop.get(`/c/${SLUG}/join/identity?lang=ko`);
    expect(details.body).toContain('value="박서준"');
    // Proving the same address again on a third device finds the same draft.
    const third = new PageClient(stack.api);
    const again = await startDraft(third, email);
    expect((await third.follow(again)).location).toBe(`/c/${SLUG}/join/questions?lang=ko`);
    // A forged link opens nothing.
    const forged = await new PageClient(stack.api).get(`/c/${SLUG}/join/resume?token=${encodeURIComponent(link.split('token=')[1].slice(0, -4) + 'AAAA')}`);
    expect(forged.status).toBe(404);
    expect(textOf(forged.body)).toContain('이어쓰기 링크가 올바르지 않거나');
  });

  it('lets a guardian file for a minor, signing in the guardian\'s name and asking for the family-relation certificate', async () => {
    const client = new PageClient(stack.api);
    const email = `guardian-${randomBytes(4).toString('hex')}@example.com`;
    await startDraft(client, email);
    await client.post(`/c/${SLUG}/join/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' });
    const noGuardian = await client.post(`/c/${SLUG}/join/identity`, identity('이아린', { filer: 'guardian', 'claimant.birthDate': '2013-04-02', 'claimant.phone': '' }));
    expect(noGuardian.status).toBe(400);
    expect(textOf(noGuardian.body)).toContain('법정대리인 이름');
    const withGuardian = await client.post(
      `/c/${SLUG}/join/identity`,
      identity('이아린', { filer: 'guardian', 'claimant.birthDate': '2013-04-02', 'claimant.phone': '', 'guardian.name': '이준호', 'guardian.birthDate': '1982-07-09', 'guardian.relation': 'parent', 'guardian.phone': '010-3333-4444' }),
    );
    expect(withGuardian.location).toBe(`/c/${SLUG}/join/questions?lang=ko`);
    await client.post(`/c/${SLUG}/join/questions`, { ...ANSWERS, lang: 'ko' });
    const evidence = await client.get(`/c/${SLUG}/join/evidence?lang=ko`);
    expect(evidence.body).toContain('data-testid="evidence-family_certificate"');
    const certificate = await sharp({ create: { width: 300, height: 420, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect((await client.upload(`/c/${SLUG}/join/evidence/files`, { lang: 'ko', kind: 'family_certificate' }, { name: 'cert.png', type: 'image/png', bytes: certificate })).status).toBe(303);
    await client.post(`/c/${SLUG}/join/evidence`, { lang: 'ko' });
    const mandate = await client.get(`/c/${SLUG}/join/mandate?lang=ko`);
    expect(textOf(mandate.body)).toContain('성명: 이준호 (부모)');
    expect((await client.post(`/c/${SLUG}/join/mandate`, { lang: 'ko', typedName: '이아린', agreed: 'yes' })).status).toBe(400);
    expect((await client.post(`/c/${SLUG}/join/mandate`, { lang: 'ko', typedName: '이준호', agreed: 'yes' })).location).toBe(`/c/${SLUG}/join/review?lang=ko`);
    const done = await client.follow(await client.post(`/c/${SLUG}/join/submit`, { lang: 'ko' }));
    const claimNumber = /data-testid="claim-number">([^<]+)</.exec(done.body)![1];
    const [claim] = await stack.query(`SELECT id FROM claims WHERE claim_number = $1`, [claimNumber]);
    expect(await stack.query(`SELECT relation FROM guardians WHERE claim_id = $1`, [claim.id])).toEqual([{ relation: 'parent' }]);
    expect(await stack.query(`SELECT signer FROM signatures WHERE claim_id = $1`, [claim.id])).toEqual([{ signer: 'guardian' }]);
    // The rules see a guardian's claim with its certificate: nothing is missing.
    const assessment = await waitFor('the assessment', async () => (await stack.query(`SELECT verdict, reasons FROM claim_assessments WHERE claim_id = $1`, [claim.id]))[0], 20_000);
    expect(assessment.verdict).toBe('eligible');
  });

  it('refuses a form post from another site, and a step with no session', async () => {
    const client = new PageClient(stack.api);
    await startDraft(client, `csrf-${randomBytes(4).toString('hex')}@example.com`);
    const crossSite = await client.post(`/c/${SLUG}/join/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' }, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(textOf(crossSite.body)).toContain('다른 사이트에서 보낸 요청');
    const stranger = await new PageClient(stack.api).get(`/c/${SLUG}/join/consents`);
    expect(stranger.status).toBe(401);
    expect(textOf(stranger.body)).toContain('이메일 주소 다시 확인하기');
    // The email step without its proof of work (a script, or a browser with no JavaScript).
    const noPow = await client.post(`/c/${SLUG}/join/email`, { email: 'x@example.com', altcha: '', lang: 'en' });
    expect(noPow.status).toBe(400);
    expect(textOf(noPow.body)).toContain('A security check is needed');
  });
});
