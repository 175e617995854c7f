import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { fieldMessage, message } from '@app/http';

/** One problem with one field, in the request's language (see libs/http/src/api-exception.ts). */
export class FieldErrorBody {
  @ApiProperty({ description: 'Dotted path of the field (a header by its name).', example: 'claimant.phone' })
  field: string;

  @ApiProperty({ description: 'The failed constraint, stable for clients (koreanMobile, deliverableEmail, whitelistValidation, required, ...).', example: 'koreanMobile' })
  code: string;

  @ApiProperty({ description: 'What to fix, in the language of the request.', example: fieldMessage('ko', 'claimant.phone', 'koreanMobile') })
  message: string;
}

/** The one error format: every 4xx and 5xx of the API and of the router (libs/http/src/all-exceptions.filter.ts). */
export class ApiErrorBody {
  @ApiProperty({ description: 'The HTTP status, repeated.', type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'A stable key for the error (request.validation, case.notFound, claim.alreadyExists, ...).', example: 'request.validation' })
  code: string;

  @ApiProperty({ description: 'The error in the language of the request (Korean unless `Accept-Language: en`).', example: message('ko', 'request.validation') })
  message: string;

  @ApiPropertyOptional({ description: 'Present when the input was at fault: every problem found, one per field, all in one answer.', type: () => [FieldErrorBody] })
  errors?: FieldErrorBody[];
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** What each status means wherever it appears, and a body it can carry (in Korean, the default). */
const STANDARD: Record<ErrorStatus, { description: string; key: string; errors?: { field: string; code: string }[] }> = {
  400: { description: 'The input is not acceptable: every field problem is named in `errors`.', key: 'request.validation', errors: [{ field: 'claimant.phone', code: 'koreanMobile' }] },
  401: { description: 'The token is missing or wrong.', key: 'request.unauthorized' },
  403: { description: 'Not allowed: the signed-in role may not do this, or a write came without the session\'s `x-csrf-token`.', key: 'staff.forbidden' },
  404: { description: 'Not found.', key: 'request.notFound' },
  409: { description: 'The request conflicts with the current state.', key: 'case.intakeClosed' },
  413: { description: 'The body is larger than the limit (BODY_LIMIT_BYTES).', key: 'request.tooLarge' },
  415: { description: 'The body is not application/json (forms and uploads are for the pages).', key: 'request.unsupportedMediaType' },
  422: { description: 'The request is well formed but cannot be processed.', key: 'request.idempotencyKeyReused' },
  429: { description: 'Over a rate limit; `Retry-After` says in how many seconds to try again.', key: 'request.rateLimited' },
  503: { description: 'The database cannot be reached: a quick refusal, nothing was stored; try again after `Retry-After` seconds.', key: 'server.unavailable' },
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1, example: 5 } } };

/** What a status means on a route: a description, or a description and the code its example carries. */
export type ErrorMeaning = string | { description: string; code: string };

/**
 * Error answers of a route, each in the one error format (with Retry-After on 429 and 503). `errors`
 * gives each status the route can answer and what it means there ('' for the status's general meaning).
 */
export function ApiErrors(errors: Partial<Record<ErrorStatus, ErrorMeaning>>): MethodDecorator & ClassDecorator {
  const responses = (Object.entries(errors) as [string, ErrorMeaning][]).map(([code, meaning]) => {
    const status = Number(code) as ErrorStatus;
    const standard = STANDARD[status];
    const specific = typeof meaning === 'string' ? { description: meaning, code: standard.key } : meaning;
    const fieldErrors = specific.code === standard.key ? standard.errors : undefined;
    const example = {
      statusCode: status,
      code: specific.code,
      message: message('ko', specific.code),
      ...(fieldErrors ? { errors: fieldErrors.map((e) => ({ ...e, message: fieldMessage('ko', e.field, e.code) })) } : {}),
    };
    return ApiResponse({
      status,
      description: specific.description || standard.description,
      type: ApiErrorBody,
      example,
      ...(status === HttpStatus.TOO_MANY_REQUESTS || status === HttpStatus.SERVICE_UNAVAILABLE ? { headers: RETRY_AFTER } : {}),
    });
  });
  return applyDecorators(...responses);
}
