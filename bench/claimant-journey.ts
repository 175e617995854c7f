import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { DEMO_CASE_SLUG } from '@app/cases';
import { sleep } from './app-process';
import { clientAddress } from './claim-body';
import { ClaimantBrowser, describe, type PageAnswer } from './claimant-browser';
import { ClientProofs } from './client-proofs';
import { ANSWERS, CLAIMANT_NAME, draftIdOf, identityForm, JOIN, mintFormProof, personEmail } from './draft-maker';
import { emailCodeFor } from './email-code';
import { uploadForm } from './evidence-image';
import { type PageWeight, weighPage } from './page-weights';
import type { SmtpInbox } from './smtp-inbox';

export interface Journey {
  /** The person's draft, which became their claim (its one file counts in the integrity check). */
  draftId: string;
  weights: PageWeight[];
  /** Pages that answered 404 (not built yet), left out of the table. */
  missing: string[];
  /** What had to be settled for without waiting forever (a thumbnail not made in time). */
  notes: string[];
}

/**
 * One person through every claimant page as they would go: the case page, the pre-check, the
 * email and code steps, each step of the form (one file uploaded on the evidence step), the
 * receipt page, then the status page behind the emailed link and the pages it leads to. Each
 * page is weighed where the person lands on it.
 */
export async function walkClaimantPages(http: Pool, n: number, photo: Buffer, inbox: SmtpInbox, emailTimeoutMs: number): Promise<Journey> {
  const proofs = new ClientProofs();
  const altcha = await mintFormProof(proofs); // before anything is weighed, as the page's script would have
  const browser = new ClaimantBrowser(http, clientAddress(n));
  const email = personEmail(n);
  const weights: PageWeight[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  const weigh = async (page: string, path: string) => {
    const w = await weighPage(browser, page, path);
    if (w.status === 404) missing.push(`${page} (GET ${path.replace(/token=[^&]+/, 'token=…')} answered 404)`);
    else if (w.status !== 200) throw new Error(`${page}: GET ${path} answered ${w.status}`);
    else weights.push(w);
  };
  const posted = (step: string, answer: PageAnswer, location: RegExp): string => {
    if (answer.status !== 303 || !answer.location || !location.test(answer.location)) throw new Error(`journey, ${step}: expected 303 -> ${location}, got ${describe(answer)}`);
    return answer.location;
  };
  const step = (name: string) => `${JOIN}/${name}?lang=ko`;

  await weigh('case page', `/c/${DEMO_CASE_SLUG}?lang=ko`);
  await weigh('pre-check', `/c/${DEMO_CASE_SLUG}/check?lang=ko`);
  await weigh('join (email)', `${JOIN}?lang=ko`);
  const codePage = posted('email', await browser.post(`${JOIN}/email`, { email, altcha, lang: 'ko' }), /\/join\/code\?/);
  await weigh('code', codePage);
  const verificationId = new URL(codePage, 'http://x').searchParams.get('v') ?? '';
  const receipt = inbox.waitFor(email, (text) => /\/status\?token=/.test(text), emailTimeoutMs);
  receipt.catch(() => undefined); // awaited below; a failure before then must not go unhandled
  posted('code', await browser.post(`${JOIN}/code`, { verificationId, code: emailCodeFor(verificationId), lang: 'ko' }), /\/join(\?|$)/);
  const draftId = draftIdOf(browser.cookies.get('claim_draft') ?? '');
  posted('join', await browser.get(`${JOIN}?lang=ko`), /\/join\/consents\?/);
  await weigh('consents', step('consents'));
  posted('consents', await browser.post(`${JOIN}/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' }), /\/join\/identity\?/);
  await weigh('identity', step('identity'));
  posted('identity', await browser.post(`${JOIN}/identity`, identityForm(n)), /\/join\/questions\?/);
  await weigh('questions', step('questions'));
  posted('questions', await browser.post(`${JOIN}/questions`, ANSWERS), /\/join\/evidence\?/);
  posted('upload', await browser.upload(`${JOIN}/evidence/files`, uploadForm(photo)), /\/join\/evidence\?/);
  // The person comes back later and sees the thumbnail the worker made (the page links it).
  if (!(await waitForThumbnail(browser, step('evidence'), 30_000))) notes.push('evidence: no thumbnail after 30 s, weighed without it');
  await weigh('evidence (1 file)', step('evidence'));
  posted('evidence', await browser.post(`${JOIN}/evidence`, { lang: 'ko' }), /\/join\/mandate\?/);
  await weigh('mandate', step('mandate'));
  posted('mandate', await browser.post(`${JOIN}/mandate`, { lang: 'ko', typedName: CLAIMANT_NAME, agreed: 'yes' }), /\/join\/review\?/);
  await weigh('review', step('review'));
  posted('submit', await browser.post(`${JOIN}/submit`, { lang: 'ko' }), /\/join\/done\?/);
  await weigh('done', step('done'));

  const started = performance.now();
  const text = await receipt;
  const link = /https?:\/\/[^\s<>"]+\/status\?token=[^\s<>")]+/.exec(text)?.[0];
  if (!link) throw new Error(`the receipt email has no status link:\n${text.slice(0, 500)}`);
  notes.push(`receipt email with the status link arrived ${((performance.now() - started) / 1000).toFixed(1)} s after the claim was filed`);
  const { pathname, search } = new URL(link);
  const token = new URLSearchParams(search).get('token') ?? '';
  await weigh('status page', `${pathname}${search}&lang=ko`);
  const withToken = (path: string) => `${path}?${new URLSearchParams({ token, lang: 'ko' }).toString()}`;
  await weigh('withdraw (confirm)', withToken('/status/withdraw'));
  await weigh('deletion (confirm)', withToken('/status/delete'));
  await weigh('my data', withToken('/status/my-data'));
  return { draftId, weights, missing, notes };
}

async function waitForThumbnail(browser: ClaimantBrowser, path: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const page = await browser.get(path);
    if (/<img\b[^>]*\/thumbnail/.test(page.body.toString('utf8'))) return true;
    await sleep(250);
  }
  return false;
}
