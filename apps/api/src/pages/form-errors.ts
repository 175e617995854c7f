import { ApiException, fieldMessage, type Locale, message } from '@app/http';

/** A refused form as its page shows it: one sentence on top, and each problem beside its field and in the summary. */
export interface FormErrors {
  message: string;
  /** In the order the fields appear (as the use case reported them). */
  summary: { field: string; message: string }[];
  byField: Record<string, string>;
}

/**
 * The field errors of an ApiException in the page's language, or null for anything else (which
 * the caller rethrows). The field names are the form's own input names, so `#<field>` links
 * the summary to the input.
 */
export function formErrors(error: unknown, locale: Locale): FormErrors | null {
  if (!(error instanceof ApiException)) return null;
  const summary = error.fieldErrors.map((e) => ({ field: e.field, message: fieldMessage(locale, e.field, e.code, e.label?.[locale]) }));
  const byField: Record<string, string> = {};
  for (const e of summary) byField[e.field] ??= e.message;
  return { message: message(locale, error.messageKey), summary, byField };
}

/** An id for an input named `name` (dots are fine in ids, but not in CSS selectors people write by hand). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The same errors with one field under another name (one page can hold several forms with the same field). */
export function renameField(errors: FormErrors, from: string, to: string): FormErrors {
  const summary = errors.summary.map((e) => (e.field === from ? { ...e, field: to } : e));
  const byField: Record<string, string> = {};
  for (const e of summary) byField[e.field] ??= e.message;
  return { ...errors, summary, byField };
}
