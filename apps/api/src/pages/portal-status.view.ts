import type { CaseRecord } from '@app/cases';
import { canTransition, type ClaimStatusQuery, type FormBody } from '@app/claimants';
import { EVIDENCE_LIMITS } from '@app/evidence';
import { type Locale, message } from '@app/http';
import { fileView, questionsView } from './join-steps.view';
import { PAGE_COPY } from './page-copy';
import { PORTAL_COPY } from './portal-copy';
import { portalHref, seoulDay, seoulTime } from './portal-page';

export type ClaimStatusView = Awaited<ReturnType<ClaimStatusQuery['byToken']>>;

/** Statuses in which a claim takes no more evidence or answers (ClaimantEvidence refuses them too). */
const CLOSED = new Set(['withdrawn', 'rejected']);

/** `?notice=` after a form that worked, as the sentence it stands for. */
const NOTICE_MESSAGES: Record<string, string> = { withdrawn: 'claim.withdrawn', deletion: 'claim.deletionRequested', answered: 'claim.cured' };

/** What a refused form on the status page brings back: what was typed into the answers form, the kind chosen in the general upload form. */
export interface StatusFormState {
  answers?: FormBody | null;
  moreKind?: string;
  notice?: unknown;
}

/** The upload form's field whose error goes beside the general "send more evidence" form. */
export const MORE_FILE_FIELD = 'file-more';

/** The status page's contents: where the claim stands, what it still needs (each with its cure), its files and the claimant's actions. */
export function statusView(s: ClaimStatusView, kase: CaseRecord | null, locale: Locale, token: string, state: StatusFormState = {}) {
  const copy = PORTAL_COPY[locale];
  const won = PAGE_COPY[locale].won;
  const open = !CLOSED.has(s.status);
  const kinds = kase?.definition.evidence?.kinds ?? [];
  // A notice is for a claim that waits for it: once something was sent, the claim is checked again first.
  const deficiencies = s.status === 'needs_information' ? (s.assessment?.deficiencies ?? []) : [];
  const questions = kase ? questionsView(kase, {}, locale, state.answers ?? null) : [];

  // Each deficiency with its cure beside it: an upload of its kind, or its question. Questions
  // are answered in one form (the claim is checked with all its answers at once), placed where
  // the first of them stands.
  type Entry =
    | { type: 'evidence'; item: string; text: string; upload: { kind: string; label: string; help: string | null; name: string } | null }
    | { type: 'questions'; items: { item: string; text: string; question: (typeof questions)[number] }[] };
  const entries: Entry[] = [];
  const withForm = new Set<string>();
  let asked: Extract<Entry, { type: 'questions' }> | null = null;
  for (const d of deficiencies) {
    const question = open && d.question ? questions.find((q) => q.id === d.question) : undefined;
    if (question) {
      if (!asked) entries.push((asked = { type: 'questions', items: [] }));
      asked.items.push({ item: d.item, text: d[locale], question });
      continue;
    }
    const kind = open && d.evidence && !withForm.has(d.evidence) ? kinds.find((k) => k.id === d.evidence) : undefined;
    if (kind) withForm.add(kind.id);
    entries.push({ type: 'evidence', item: d.item, text: d[locale], upload: kind ? { kind: kind.id, label: kind.label[locale], help: kind.help?.[locale] ?? null, name: `file-${kind.id}` } : null });
  }

  const notice = typeof state.notice === 'string' ? (NOTICE_MESSAGES[state.notice] ? message(locale, NOTICE_MESSAGES[state.notice]) : (copy.notices[state.notice] ?? null)) : null;
  return {
    claimNumber: s.claimNumber,
    status: copy.statuses[s.status] ?? s.status,
    withdrawn: s.status === 'withdrawn',
    open,
    notice,
    timeline: s.timeline.map((m) => ({ label: copy.milestones[m.milestone] ?? m.milestone, ...seoulTime(m.at, locale) })),
    estimate: s.assessment
      ? { amount: won(s.assessment.estimate.amountWon), lines: s.assessment.estimate.breakdown.map((l) => `${l[locale]}: ${won(l.won)}`) }
      : null,
    reasons: s.assessment?.reasons.map((r) => r[locale]) ?? [],
    deficiencies: entries,
    cureBy: deficiencies.length && s.assessment?.cureBy ? seoulDay(s.assessment.cureBy, locale) : null,
    files: s.evidence.map((f) => ({
      ...fileView(f, locale),
      kindLabel: f.kindLabel[locale],
      uploadedAt: seoulTime(f.uploadedAt, locale),
      thumbnail: f.hasThumbnail ? portalHref(`/status/evidence/${f.id}/thumbnail`, token, locale) : null,
    })),
    kinds: kinds.map((k) => ({ id: k.id, label: k.label[locale], selected: k.id === state.moreKind })),
    moreFileField: MORE_FILE_FIELD,
    maxBytes: EVIDENCE_LIMITS.maxFileBytes,
    deletion: s.deletionRequest ? { requestedAt: seoulTime(s.deletionRequest.requestedAt, locale), dueBy: seoulDay(s.deletionRequest.dueBy, locale) } : null,
    canWithdraw: canTransition(s.status, 'withdrawn'),
    links: {
      myDataJson: `/api/claims/my-data?${new URLSearchParams({ token }).toString()}`,
      myData: portalHref('/status/my-data', token, locale),
      withdraw: portalHref('/status/withdraw', token, locale),
      deletion: portalHref('/status/delete', token, locale),
    },
  };
}
