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
    if (value === undefined || value === null || value === '') {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'request.bodyRequired');
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: '$', code: 'isObject' }]);
    }
    const instance = plainToInstance(type, value, { enableImplicitConversion: false }) as object;
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    if (errors.length > 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', flatten(errors));
    }
    return instance;
  }
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
