import { Readable } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiException } from '@app/http';

/** An upload form as it arrived: its text fields (all before the file) and the file's bytes, not yet read. */
export interface UploadForm {
  fields: Record<string, string>;
  file: Readable;
}

/** What @fastify/multipart raises, as the field-level answers the pages show. */
const MULTIPART_ERRORS: Record<string, [HttpStatus, string, string]> = {
  FST_REQ_FILE_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, 'file', 'evidence.tooLarge'],
  FST_PARTS_LIMIT: [HttpStatus.PAYLOAD_TOO_LARGE, 'file', 'evidence.tooMany'],
  FST_FILES_LIMIT: [HttpStatus.PAYLOAD_TOO_LARGE, 'file', 'evidence.tooMany'],
  FST_FIELDS_LIMIT: [HttpStatus.PAYLOAD_TOO_LARGE, 'file', 'evidence.refused'],
  FST_PROTO_VIOLATION: [HttpStatus.BAD_REQUEST, 'file', 'evidence.refused'],
  FST_MP_PREMATURE_CLOSE: [HttpStatus.BAD_REQUEST, 'file', 'evidence.refused'],
};

/**
 * busboy's own errors carry no code: a body cut short (inside a part, or before the closing
 * boundary), or not multipart at all. Both upload forms (evidence, case definitions) read them so.
 */
export function isMalformedMultipart(error: unknown): boolean {
  return !(error as { code?: string } | null)?.code && error instanceof Error && /^(Multipart: |Unexpected end of (multipart data|form)|Part terminated early due to unexpected end of multipart data)/.test(error.message);
}

/** A multipart error (thrown while parsing, or by the file's stream as it is read) as an ApiException; anything else as it was. */
export function uploadError(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  // The client went away mid-upload: its own doing, not an outage (nobody reads this answer).
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as Error | null)?.message === 'aborted') {
    return new ApiException(HttpStatus.BAD_REQUEST, 'request.badRequest');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'request.unsupportedMediaType');
  if (isMalformedMultipart(error)) {
    return new ApiException(HttpStatus.BAD_REQUEST, 'evidence.refused', [{ field: 'file', code: 'evidence.incomplete' }]);
  }
  const known = code ? MULTIPART_ERRORS[code] : undefined;
  return known ? new ApiException(known[0], 'evidence.refused', [{ field: known[1], code: known[2] }]) : error;
}

/**
 * Reads an upload form up to its file: the fields must come first (the form lists them before
 * the file input), so they can be checked before any byte of the file is read. A form without
 * a file (an empty file input sends a nameless empty part) is a field error on `file`.
 */
export async function readUploadForm(request: FastifyRequest): Promise<UploadForm> {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (error) {
    throw uploadError(error);
  }
  if (!part || part.filename === '') {
    part?.file.resume();
    throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'file', code: 'isDefined' }]);
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one && one.type === 'field' && typeof one.value === 'string') fields[name] = one.value.trim();
  }
  return { fields, file: part.file };
}

/**
 * Reads and drops the rest of a file that will not be kept (the form was refused before its bytes
 * were read): a browser that is cut off mid-upload shows a connection error instead of our
 * answer, so the body is read to its end (at most the upload limit) and thrown away.
 */
export function discardUpload(file: Readable): void {
  file.on('error', () => undefined);
  file.resume();
}
