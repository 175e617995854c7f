import { fieldError } from './batch-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Control characters (other than none at all) have no place in a name or a reason. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A batch's name: 1 to 100 characters of plain text. */
export function batchName(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.normalize('NFC').trim() : '';
  if (!value) throw fieldError('name', 'isNotEmpty');
  if (value.length > 100) throw fieldError('name', 'maxLength');
  if (CONTROL.test(value)) throw fieldError('name', 'plainText');
  return value;
}

/**
 * Why personal data is being exported (PIPA: a download needs a recorded reason): 5 to 500
 * characters, so "x" is not a reason, and plain text, as the access log stores it.
 */
export function exportReason(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (!value) throw fieldError('reason', 'isNotEmpty');
  if (value.length < 5) throw fieldError('reason', 'minLength');
  if (value.length > 500) throw fieldError('reason', 'maxLength');
  if (CONTROL.test(value)) throw fieldError('reason', 'plainText');
  return value;
}

export function caseIdOf(raw: unknown): string {
  if (typeof raw !== 'string' || !UUID.test(raw)) throw fieldError('caseId', 'isIn');
  return raw.toLowerCase();
}

/** How many approved claims to add at once: 1 to 1,000,000. */
export function addLimit(raw: unknown): number {
  const text = typeof raw === 'string' ? raw.replace(/[,\s]/g, '') : '';
  if (!/^\d{1,7}$/.test(text)) throw fieldError('limit', 'batchLimit');
  const n = Number(text);
  if (n < 1 || n > 1_000_000) throw fieldError('limit', 'batchLimit');
  return n;
}
