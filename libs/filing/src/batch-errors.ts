import { HttpStatus } from '@nestjs/common';
import { ApiException } from '@app/http';

/** The filing area's refusals (messages in libs/http/src/staff-messages/filing.ts). */
export const batchNotFound = () => new ApiException(HttpStatus.NOT_FOUND, 'batch.notFound');
export const batchNotOpen = () => new ApiException(HttpStatus.CONFLICT, 'batch.notOpen');
export const batchNotLocked = () => new ApiException(HttpStatus.CONFLICT, 'batch.notLocked');
export const batchEmpty = () => new ApiException(HttpStatus.CONFLICT, 'batch.empty');
export const claimNotFound = () => new ApiException(HttpStatus.NOT_FOUND, 'batch.claimNotFound');
export const fieldError = (field: string, code: string) => new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field, code }]);
/** As many plaintiff lists as one process streams at once are already being downloaded. */
export const listsBusy = () => new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'export.busy', [], {}, 30);
/** The batch has work running in the worker (adding claims, locking); nothing else changes it meanwhile. */
export const batchBusy = () => new ApiException(HttpStatus.CONFLICT, 'batch.busy');
