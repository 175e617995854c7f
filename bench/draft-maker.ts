import type { Pool } from 'undici';
import { DEMO_CASE_SLUG } from '@app/cases';
import { PROOF_OF_WORK_HEADER } from '@app/protection';
import { clientAddress, uniqueMobile } from './claim-body';
import { ClaimantBrowser, describe, type PageAnswer } from './claimant-browser';
import { ClientProofs } from './client-proofs';
import { emailCodeFor } from './email-code';

const SLUG = DEMO_CASE_SLUG;
export const JOIN = `/c/${SLUG}/join`;

/** The answers of test/e2e/claim-form.e2e-spec.ts: a notice received, so a breach notice is the evidence asked for. */
export const ANSWERS = {
  lang: 'ko',
  'q.noticeReceived': 'leak',
  'q.exposedData': ['name_email', 'phone_address'],
  'q.secondaryHarm': 'no',
  'q.voucherUsed': 'no',
  'q.otherRepresentation': 'no',
  'q.usResident': 'no',
  'q.learnedOn': '2025-12-01',
};

export const CLAIMANT_NAME = '김하늘';
export const EVIDENCE_KIND = 'breach_notice';

export const personEmail = (n: number) => `bench-web-${n}@example.com`;

/** The n-th person's details step: their own mobile number (the per-phone limit counts people, not the benchmark). */
export function identityForm(n: number): Record<string, string> {
  return {
    lang: 'ko',
    filer: 'self',
    'claimant.name': CLAIMANT_NAME,
    'claimant.birthDate': '19900315',
    'claimant.phone': uniqueMobile(n),
    'claimant.address.postalCode': '06236',
    'claimant.address.line1': '서울특별시 강남구 테헤란로 152',
    'claimant.address.line2': '101동 1001호',
  };
}

/** A proof-of-work solution as the email form's script puts it in the `altcha` field, minted beforehand (client-proofs.ts). */
export async function mintFormProof(proofs: ClientProofs): Promise<string> {
  return (await proofs.proofOfWorkHeader())[PROOF_OF_WORK_HEADER];
}

/** A person's draft with the evidence step open: who they are, their browser and the draft's id. */
export interface OpenDraft {
  n: number;
  browser: ClaimantBrowser;
  draftId: string;
}

/**
 * One person from the email step to an open evidence step, as the forms are posted: the email
 * (with its proof of work), the code, the consents, the details and the questions. `seen`
 * gets each answer on the way (the page-weight walk weighs the pages it is sent to).
 */
export async function makeDraft(http: Pool, n: number, altcha: string, seen: (step: string, answer: PageAnswer) => void = () => undefined): Promise<OpenDraft> {
  const browser = new ClaimantBrowser(http, clientAddress(n));
  const expect = (step: string, answer: PageAnswer, location: RegExp): PageAnswer => {
    seen(step, answer);
    if (answer.status !== 303 || !answer.location || !location.test(answer.location)) throw new Error(`draft ${n}, ${step}: expected 303 -> ${location}, got ${describe(answer)}`);
    return answer;
  };
  const asked = expect('email', await browser.post(`${JOIN}/email`, { email: personEmail(n), altcha, lang: 'ko' }), /\/join\/code\?/);
  const verificationId = new URL(asked.location!, 'http://x').searchParams.get('v') ?? '';
  expect('code', await browser.post(`${JOIN}/code`, { verificationId, code: emailCodeFor(verificationId), lang: 'ko' }), /\/join(\?|$)/);
  const session = browser.cookies.get('claim_draft');
  if (!session) throw new Error(`draft ${n}: the code step set no session cookie`);
  expect('consents', await browser.post(`${JOIN}/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' }), /\/join\/identity\?/);
  expect('identity', await browser.post(`${JOIN}/identity`, identityForm(n)), /\/join\/questions\?/);
  expect('questions', await browser.post(`${JOIN}/questions`, ANSWERS), /\/join\/evidence\?/);
  return { n, browser, draftId: draftIdOf(session) };
}

/**
 * The draft a session cookie names. The token is `<firm>~<draft>~<version>.<expiry>.<mac>`
 * (libs/claimants drafts/draft-link.ts): the subject is readable, only the MAC needs the key.
 */
export function draftIdOf(session: string): string {
  const draftId = decodeURIComponent(session).split('.')[0].split('~')[1];
  if (!draftId) throw new Error(`not a draft session: ${session.slice(0, 40)}`);
  return draftId;
}

/** `count` drafts, numbered from `first`, made `concurrency` at a time; the proofs are minted first. */
export async function makeDrafts(http: Pool, first: number, count: number, concurrency: number): Promise<OpenDraft[]> {
  const proofs = new ClientProofs();
  const altchas: string[] = [];
  for (let i = 0; i < count; i++) altchas.push(await mintFormProof(proofs));
  const drafts: OpenDraft[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) drafts[i] = await makeDraft(http, first + i, altchas[i]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return drafts;
}
