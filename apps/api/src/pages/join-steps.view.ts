import type { CaseRecord } from '@app/cases';
import { type DraftData, type FormBody, field, fieldList, type OpenedDraft } from '@app/claimants';
import { estimateDamages, isShown, kindsShown, type Question } from '@app/eligibility';
import type { EvidenceFileView } from '@app/evidence';
import type { Locale } from '@app/http';
import { JOIN_COPY } from './join-copy';

/** The first line of a consent text is its title ("[필수] 개인정보 수집·이용 동의"); the rest is what it says. */
export function consentsView(kase: CaseRecord, data: DraftData, locale: Locale, form: FormBody | null) {
  return kase.definition.consents.items.map((c) => {
    const [title, ...rest] = c.text[locale].split('\n');
    const checked = form ? field(form, `consent.${c.purpose}`) === 'yes' : data.consents?.granted[c.purpose] === true;
    return { purpose: c.purpose, required: c.required, title, body: rest.join('\n'), checked, name: `consent.${c.purpose}` };
  });
}

/** The identity step's values: what was just typed (after a refusal), else what is saved. */
export function identityView(data: DraftData, form: FormBody | null) {
  if (form) {
    const v = (name: string) => field(form, name);
    return {
      filer: v('filer'),
      claimant: { name: v('claimant.name'), birthDate: v('claimant.birthDate'), phone: v('claimant.phone'), postalCode: v('claimant.address.postalCode'), line1: v('claimant.address.line1'), line2: v('claimant.address.line2') },
      guardian: { name: v('guardian.name'), birthDate: v('guardian.birthDate'), relation: v('guardian.relation'), phone: v('guardian.phone') },
    };
  }
  const c = data.claimant;
  const g = data.guardian;
  return {
    filer: data.filer ?? 'self',
    claimant: { name: c?.name ?? '', birthDate: c?.birthDate ?? '', phone: c?.phone ?? '', postalCode: c?.address.postalCode ?? '', line1: c?.address.line1 ?? '', line2: c?.address.line2 ?? '' },
    guardian: { name: g?.name ?? '', birthDate: g?.birthDate ?? '', relation: g?.relation ?? '', phone: g?.phone ?? '' },
  };
}

/**
 * The case's questions as the form draws them. Every question is on the page (without the
 * script, a conditional one says it is asked only after some answer); `showIf` travels as JSON
 * for the script to hide it until then.
 */
export function questionsView(kase: CaseRecord, data: DraftData, locale: Locale, form: FormBody | null) {
  const copy = JOIN_COPY[locale];
  const answers = data.answers ?? {};
  return kase.definition.questionnaire.questions.map((q: Question) => {
    const name = `q.${q.id}`;
    const saved = answers[q.id];
    const value = form ? field(form, name) : typeof saved === 'string' ? saved : saved === true ? 'yes' : saved === false ? 'no' : '';
    const chosen = form ? fieldList(form, name) : Array.isArray(saved) ? (saved as string[]) : [];
    const options =
      q.type === 'yes_no'
        ? [{ value: 'yes', label: copy.yes, checked: value === 'yes' }, { value: 'no', label: copy.no, checked: value === 'no' }]
        : (q.options ?? []).map((o) => ({ value: o.value, label: o.label[locale], checked: q.type === 'multiple_choice' ? chosen.includes(o.value) : value === o.value }));
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    return {
      id: q.id,
      name,
      type: q.type,
      text: q.text[locale],
      help: q.help?.[locale] ?? null,
      required: q.required !== false,
      options,
      value,
      maxLength: q.maxLength ?? 200,
      min: q.minDate === 'today' ? today : (q.minDate ?? null),
      max: q.maxDate === 'today' ? today : (q.maxDate ?? null),
      showIf: q.showIf === undefined ? null : JSON.stringify(q.showIf),
      // Shown now, given the saved answers (the script re-decides as the person answers).
      hiddenNow: q.showIf !== undefined && !isShown(q, answers),
    };
  });
}

/** The kinds of evidence the draft's answers call for, each with its uploaded files. */
export function evidenceView(kase: CaseRecord, data: DraftData, locale: Locale, files: EvidenceFileView[]) {
  const kinds = kindsShown(kase.definition.evidence, { answers: data.answers ?? {}, filer: { guardian: data.filer === 'guardian' } });
  return kinds.map((k) => ({
    id: k.id,
    label: k.label[locale],
    help: k.help?.[locale] ?? null,
    files: files.filter((f) => f.kind === k.id).map((f) => fileView(f, locale)),
  }));
}

export function fileView(f: EvidenceFileView, locale: Locale) {
  const copy = JOIN_COPY[locale];
  const type = f.mediaType === 'application/pdf' ? 'PDF' : f.mediaType === 'image/png' ? 'PNG' : 'JPEG';
  const size = f.bytes >= 1024 * 1024 ? `${(f.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(f.bytes / 1024))} KB`;
  const detail = f.pageCount && f.mediaType === 'application/pdf' ? copy.evidence.pages(f.pageCount) : f.width && f.height ? `${f.width}×${f.height}` : '';
  return { id: f.id, type, size, detail, hasThumbnail: f.hasThumbnail, isImage: f.mediaType !== 'application/pdf' };
}

/** Everything the review step lists, in the words the claimant saw. */
export function reviewView(opened: OpenedDraft, locale: Locale, files: EvidenceFileView[]) {
  const { kase, data } = opened;
  const def = kase.definition;
  const answers = data.answers ?? {};
  const answerText = (q: Question): string => {
    const a = answers[q.id];
    if (q.type === 'yes_no') return a === true ? JOIN_COPY[locale].yes : JOIN_COPY[locale].no;
    if (q.type === 'multiple_choice') return ((a as string[]) ?? []).map((v) => q.options?.find((o) => o.value === v)?.label[locale] ?? v).join(', ') || '—';
    if (q.type === 'single_choice') return q.options?.find((o) => o.value === a)?.label[locale] ?? String(a);
    return String(a ?? '');
  };
  const estimate = estimateDamages(def.damages, answers);
  return {
    email: opened.email,
    consents: def.consents.items.map((c) => ({ title: c.text[locale].split('\n')[0], granted: data.consents?.granted[c.purpose] === true })),
    claimant: data.claimant!,
    guardian: data.filer === 'guardian' ? data.guardian : null,
    answers: def.questionnaire.questions.filter((q) => isShown(q, answers) && q.id in answers).map((q) => ({ question: q.text[locale], answer: answerText(q) })),
    evidence: kindsShown(def.evidence, { answers, filer: { guardian: data.filer === 'guardian' } }).map((k) => ({ label: k.label[locale], count: files.filter((f) => f.kind === k.id).length })),
    signature: data.signature!,
    estimate: { amount: estimate.amountWon.toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US'), lines: estimate.breakdown.length },
  };
}
