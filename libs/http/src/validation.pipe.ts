import { HttpStatus, Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { ApiException, FieldError } from './api-exception';

/**
 * Validates @Body() DTOs: unknown fields refused, every failure reported with its field
 * path. Unlike Nest's stock pipe it never puts the offending *value* in the error (it may
 * be personal data) and leaves wording to the filter so it can be localised.
 */
@Injectable()
export class StrictValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (metadata.type !== 'body' || !type || [String, Boolean, Number, Array, Object].includes(type as never)) {
      return value;
    }
    requireObjectBody(value);
    const { instance, errors } = await validateBody(type as new () => object, value as object);
    if (errors.length > 0) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
    return instance;
  }
}

/**
 * The pipe's checks without the throw, for a handler that adds checks of its own (against a
 * case's questionnaire, say) and reports every problem in one answer. `value` must be an object.
 */
export async function validateBody<T extends object>(type: new () => T, value: object): Promise<{ instance: T; errors: FieldError[] }> {
  const instance = plainToInstance(type, value, { enableImplicitConversion: false }) as T;
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return { instance, errors: flatten(errors) };
}

/** The pipe's refusal of a body that is not a JSON object at all. */
export function requireObjectBody(value: unknown): object {
  if (value === undefined || value === null || value === '') throw new ApiException(HttpStatus.BAD_REQUEST, 'request.bodyRequired');
  if (typeof value !== 'object' || Array.isArray(value)) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: '$', code: 'isObject' }]);
  return value;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const codes = Object.keys(error.constraints ?? {});
    // A missing field is one thing to fix, not also "too long" and "not a string".
    for (const code of codes.includes('isDefined') ? ['isDefined'] : codes) out.push({ field, code });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}
