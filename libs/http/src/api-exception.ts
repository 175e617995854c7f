import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field, e.g. "claimant.phone". */
  field: string;
  /** The failed constraint, stable for clients ("deliverableEmail", "koreanMobile", "whitelistValidation"). */
  code: string;
  /** Filled in by the exception filter in the request's language. */
  message?: string;
  /**
   * The field's name as the person saw it, when the catalog cannot know it: a case's question
   * or consent, whose wording is data. Used in the message, not sent as such.
   */
  label?: { ko: string; en: string };
}

/**
 * The one exception type modules throw for an answer to a person. It carries a message
 * *key*; the filter renders it in the request's language, so domain code never needs to
 * know who is asking.
 */
export class ApiException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly messageKey: string,
    readonly fieldErrors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
    /** Sent as Retry-After (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(messageKey);
    this.name = 'ApiException';
  }
}
