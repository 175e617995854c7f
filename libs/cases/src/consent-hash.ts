import { createHash } from 'node:crypto';
import type { ConsentText } from './case.record';

/** The hash that proves which consent text a claimant agreed to: both languages, fixed key order. */
export function consentSha256(text: ConsentText): Buffer {
  return createHash('sha256').update(JSON.stringify({ ko: text.ko, en: text.en, required: text.required })).digest();
}
