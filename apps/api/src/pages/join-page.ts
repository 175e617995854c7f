import { type CaseRecord, isIntakeOpen } from '@app/cases';
import { DRAFT_STEPS, type DraftProgress, type DraftStep } from '@app/claimants';
import type { Locale } from '@app/http';
import { JOIN_COPY } from './join-copy';
import { layoutData } from './page-context';

/** The claim form's steps as the progress bar shows them: the email first, then the draft's steps. */
export const FORM_STEPS = ['email', ...DRAFT_STEPS] as const;
export type FormStep = (typeof FORM_STEPS)[number];

/** Where a step of a case's form lives. */
export function stepPath(slug: string, step: FormStep): string {
  return step === 'email' ? `/c/${slug}/join` : `/c/${slug}/join/${step}`;
}

export function withLang(path: string, locale: Locale, extra: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ ...extra, lang: locale }).toString()}`;
}

/** What every page of the claim form shows: the layout, the form's words, the case and the progress bar. */
export function joinPage(kase: CaseRecord, locale: Locale, step: FormStep, progress: DraftProgress | null, query: Record<string, string> = {}) {
  const copy = JOIN_COPY[locale];
  const firm = { name: locale === 'ko' ? kase.firm.nameKo : kase.firm.nameEn, registrationNo: kase.firm.registrationNo };
  const index = FORM_STEPS.indexOf(step);
  const bar = FORM_STEPS.map((s, i) => {
    const done = s === 'email' ? progress !== null : (progress?.done[s as DraftStep] ?? false);
    // A step can be opened when everything before it is done (always the case for the ones behind).
    const reachable = progress !== null && s !== 'email' && DRAFT_STEPS.indexOf(s as DraftStep) <= DRAFT_STEPS.indexOf(progress.current);
    return { label: copy.steps[s], current: s === step, done, href: reachable && s !== step ? withLang(stepPath(kase.slug, s), locale) : null, number: i + 1 };
  });
  return {
    ...layoutData(locale, stepPath(kase.slug, step), query, firm, `${copy.steps[step]} · ${copy.title} · ${kase.definition.title[locale]}`),
    join: copy,
    caseTitle: kase.definition.title[locale],
    slug: kase.slug,
    intakeOpen: isIntakeOpen(kase),
    progress: { steps: bar, label: copy.stepOf(index + 1, FORM_STEPS.length) },
    errors: null as null | { message: string; summary: { field: string; message: string }[]; byField: Record<string, string> },
  };
}
