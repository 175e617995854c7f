import formbody from '@fastify/formbody';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiException } from './api-exception';

/** A form the parser refused; the hook after parsing answers it (a parser that throws would take the process down). */
class RefusedForm {
  constructor(readonly messageKey: string) {}
}

/** Names a form may not use: they would reach an object's prototype, as in JSON (see json-body-parser.ts). */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * An HTML form's body (application/x-www-form-urlencoded) as a flat object: a name sent once is
 * a string, a name sent again (checkboxes) a list. At most `maxFields` fields, counted before
 * anything is decoded.
 */
export function parseFormBody(text: string, maxFields: number): Record<string, string | string[]> | RefusedForm {
  let separators = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    if (++separators >= maxFields) return new RefusedForm('request.tooManyKeys');
  }
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (FORBIDDEN_NAMES.has(name)) return new RefusedForm('request.badRequest');
    const seen = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (seen === undefined) fields[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[name] = [seen, value];
  }
  return fields;
}

/** Form bodies up to `bodyLimit` bytes, with the same limits on fields as JSON has on keys. */
export async function installFormParser(fastify: FastifyInstance, limits: { bodyLimit: number; maxFields: number }): Promise<void> {
  // The parser's result becomes request.body; a refusal is turned into the error below.
  await fastify.register(formbody, { bodyLimit: limits.bodyLimit, parser: (text) => parseFormBody(text, limits.maxFields) as Record<string, unknown> });
  fastify.addHook('preValidation', async (request) => {
    if (request.body instanceof RefusedForm) throw new ApiException(HttpStatus.BAD_REQUEST, request.body.messageKey);
  });
}
