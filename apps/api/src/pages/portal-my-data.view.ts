import type { CaseDefinition } from '@app/cases';
import type { MyDataQuery } from '@app/claimants';
import type { Question } from '@app/eligibility';
import type { Locale } from '@app/http';
import { PAGE_COPY } from './page-copy';
import { PORTAL_COPY } from './portal-copy';
import { seoulTime } from './portal-page';

export type MyData = Awaited<ReturnType<MyDataQuery['byToken']>>;

const LANGUAGES: Record<string, Record<Locale, string>> = { ko: { ko: '한국어', en: 'Korean' }, en: { ko: '영어', en: 'English' } };
const languageName = (language: string | null, locale: Locale) => (language ? (LANGUAGES[language]?.[locale] ?? language) : '');

/**
 * The claimant's data as a page they can read: the answers with the questions' wording and the
 * consents with their titles, from the case version the claim was taken under; the signature
 * record and the mandate exactly as it was shown.
 */
export function myDataView(data: MyData, def: CaseDefinition | null, locale: Locale) {
  const copy = PORTAL_COPY[locale].myData;
  const answers = (data.claim.answers ?? {}) as Record<string, unknown>;
  const questions = def?.questionnaire.questions ?? [];
  const answerText = (q: Question | undefined, a: unknown): string => {
    if (typeof a === 'boolean') return a ? copy.yes : copy.no;
    const label = (v: unknown) => q?.options?.find((o) => o.value === v)?.label[locale] ?? String(v);
    if (Array.isArray(a)) return a.map(label).join(', ') || copy.noAnswer;
    if (a === null || a === undefined || a === '') return copy.noAnswer;
    return label(a);
  };
  const asked = questions.filter((q) => q.id in answers).map((q) => ({ question: q.text[locale], answer: answerText(q, answers[q.id]) }));
  // Answers to questions the case no longer words are shown by their ids rather than left out.
  const other = Object.keys(answers).filter((id) => !questions.some((q) => q.id === id)).map((id) => ({ question: id, answer: answerText(undefined, answers[id]) }));
  const address = (data.you.address ?? {}) as { postalCode?: string; line1?: string; line2?: string };
  const won = PAGE_COPY[locale].won;
  return {
    claimNumber: data.claimNumber,
    caseTitle: data.case?.title[locale] ?? '',
    you: {
      name: data.you.name,
      birthDate: data.you.birthDate,
      email: data.you.email,
      phone: data.you.phone,
      address: [address.postalCode ? `(${address.postalCode})` : '', address.line1 ?? '', address.line2 ?? ''].filter(Boolean).join(' '),
    },
    guardian: data.guardian ? { ...data.guardian, relation: copy.relations[data.guardian.relation] ?? data.guardian.relation } : null,
    claim: { status: PORTAL_COPY[locale].statuses[data.claim.status] ?? data.claim.status, submittedAt: seoulTime(data.claim.submittedAt, locale), caseVersion: data.claim.caseVersion },
    answers: [...asked, ...other],
    consents: data.consents.map((c) => ({
      title: def?.consents.items.find((i) => i.purpose === c.purpose)?.text[locale].split('\n')[0] ?? c.purpose,
      granted: c.granted ? copy.granted : copy.refused,
      version: c.version,
      language: languageName(c.language, locale),
      at: seoulTime(c.at, locale),
      sha256: c.textSha256,
    })),
    signature: {
      signer: copy.signers[data.signature.signer] ?? data.signature.signer,
      typedName: data.signature.typedName,
      signedAt: seoulTime(data.signature.signedAt, locale),
      ip: data.signature.ip,
      userAgent: data.signature.userAgent,
      version: data.signature.version,
      language: languageName(data.signature.language, locale),
      textLanguage: data.signature.language ?? '',
      sha256: data.signature.textSha256,
      text: data.signature.text,
    },
    assessments: data.assessments.map((a) => ({
      at: seoulTime(a.at, locale),
      trigger: copy.triggers[a.trigger] ?? a.trigger,
      verdict: copy.verdicts[a.verdict] ?? a.verdict,
      estimate: won(a.estimateWon),
      rulesVersion: a.rulesVersion,
      modelVersion: a.modelVersion,
    })),
  };
}
