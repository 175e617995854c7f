import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { uploadError } from './upload-form';

/**
 * An upload form on the status page as it arrived: its text fields (all before the file) and
 * the file's bytes, not yet read, or null when no file was chosen. Unlike the claim form's
 * (readUploadForm), whose owner is known from its cookie, this one names its claim in a field,
 * so the fields are kept even when the file is missing: the page is drawn again for that claim.
 */
export async function readStatusUpload(request: FastifyRequest): Promise<{ fields: Record<string, string>; file: Readable | null }> {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (error) {
    throw uploadError(error);
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part?.fields ?? {})) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one && one.type === 'field' && typeof one.value === 'string') fields[name] = one.value.trim();
  }
  // An empty file input sends a nameless empty part.
  if (!part || part.filename === '') {
    part?.file.resume();
    return { fields, file: null };
  }
  return { fields, file: part.file };
}
