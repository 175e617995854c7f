import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ApiException } from './api-exception';
import { inspectJson, JsonLimits } from './json-shape';

const PROBLEM_KEYS = { depth: 'request.tooDeep', keys: 'request.tooManyKeys', duplicateKey: 'request.duplicateKey' } as const;

/**
 * The API's only body parser: JSON, checked for depth, key count and repeated keys before it is
 * parsed (see json-shape.ts), and parsed without prototype pollution. Every refusal is an
 * ApiException, so it leaves in the one error format.
 */
export function installJsonParser(fastify: FastifyInstance, limits: JsonLimits & { bodyLimit: number }): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limits.bodyLimit }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(new ApiException(HttpStatus.BAD_REQUEST, 'request.bodyRequired'), undefined);
    const problem = inspectJson(text, limits);
    if (problem) return done(new ApiException(HttpStatus.BAD_REQUEST, PROBLEM_KEYS[problem]), undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new ApiException(HttpStatus.BAD_REQUEST, 'request.invalidJson'), undefined);
    }
  });
}
