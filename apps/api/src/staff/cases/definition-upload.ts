import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ApiException } from '@app/http';
import { isMalformedMultipart } from '../../pages/upload-form';

/** A case definition is a few tens of kilobytes; a megabyte leaves room for a large questionnaire. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

/** Fields the console's forms carry besides their own: read before the guard checks the session. */
const FORM_FIELDS = new Set(['_csrf', 'lang']);

const UPLOAD = Symbol('definitionUpload');

interface PendingUpload {
  /** The first part after the form's own fields, not yet read (null: there was none). */
  first: Multipart | null;
  rest: AsyncIterator<Multipart>;
}

type UploadRequest = FastifyRequest & { [UPLOAD]?: PendingUpload };

/**
 * Lets a multipart form pass StaffGuard's anti-forgery check: reads the form's leading `_csrf`
 * and `lang` fields into request.body (the guard reads `_csrf` there) and stops at the first other
 * part, so nothing of the upload itself is read before the session and the token are checked.
 * Must come before StaffGuard. Other requests pass untouched.
 */
@Injectable()
export class MultipartFormFields implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    if (request.method !== 'POST' || !request.isMultipart()) return true;
    const rest = request.parts({ limits: { fileSize: MAX_DEFINITION_BYTES, fieldSize: MAX_DEFINITION_BYTES, files: 1, fields: 4, parts: 5 } })[Symbol.asyncIterator]();
    const fields: Record<string, string> = {};
    let first: Multipart | null = null;
    try {
      for (;;) {
        const next = await rest.next();
        if (next.done) break;
        const part = next.value;
        if (part.type === 'field' && FORM_FIELDS.has(part.fieldname) && !(part.fieldname in fields)) {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        first = part;
        break;
      }
    } catch (error) {
      throw uploadRefused(error);
    }
    request.body = fields;
    request[UPLOAD] = { first, rest };
    return true;
  }
}

/**
 * The definition's text from the form: the file if one was chosen, else the pasted `text` field;
 * null when neither. Reads the rest of the upload (after the guards passed).
 */
export async function readDefinitionText(request: FastifyRequest): Promise<string | null> {
  const upload = (request as UploadRequest)[UPLOAD];
  if (!upload) {
    // An ordinary form (a short paste fits the form parser's limit).
    const body = request.body as Record<string, unknown> | undefined;
    const text = body && typeof body === 'object' && typeof body.text === 'string' ? body.text : '';
    return text.trim() === '' ? null : text;
  }
  let file: string | null = null;
  let pasted: string | null = null;
  try {
    for (let part = upload.first; part; part = await nextPart(upload.rest)) {
      if (part.type === 'file') {
        // An empty file input still sends a nameless, empty part.
        const bytes = await part.toBuffer();
        if (part.filename !== '' && bytes.length > 0) file = utf8(bytes);
      } else if (part.fieldname === 'text' && String(part.value).trim() !== '') {
        pasted = String(part.value);
      }
    }
  } catch (error) {
    throw uploadRefused(error);
  }
  return file ?? pasted;
}

async function nextPart(rest: AsyncIterator<Multipart>): Promise<Multipart | null> {
  const next = await rest.next();
  return next.done ? null : next.value;
}

function utf8(bytes: Buffer): string {
  try {
    // A byte-order mark is how some editors save UTF-8; JSON.parse refuses it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'definition', code: 'caseVersion.notUtf8' }]);
  }
}

/** What @fastify/multipart or busboy raised, as a field-level answer. */
function uploadRefused(error: unknown): unknown {
  if (error instanceof ApiException) return error;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'request.validation', [{ field: 'definition', code: code === 'FST_REQ_FILE_TOO_LARGE' ? 'caseVersion.tooLarge' : 'caseVersion.uploadRefused' }]);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'request.unsupportedMediaType');
  if (code?.startsWith('FST_') || isMalformedMultipart(error)) {
    return new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'definition', code: 'caseVersion.uploadRefused' }]);
  }
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as Error | null)?.message === 'aborted') return new ApiException(HttpStatus.BAD_REQUEST, 'request.badRequest');
  return error;
}
