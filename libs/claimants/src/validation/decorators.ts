import { ValidateBy, ValidationOptions } from 'class-validator';
import { seoulToday } from '@app/eligibility';
import { parseEmailAddress } from './email-address';
import { isDateBetween, isKoreanMobile, isKoreanPostalCode, isPersonName, isPlainText } from './korean-formats';

// Each decorator's name is the error code clients see and the key messages.ts translates.
export const KoreanMobile = (o?: ValidationOptions) =>
  ValidateBy({ name: 'koreanMobile', validator: { validate: isKoreanMobile } }, o);
export const PostalCode = (o?: ValidationOptions) =>
  ValidateBy({ name: 'postalCode', validator: { validate: isKoreanPostalCode } }, o);
export const PlainText = (o?: ValidationOptions) =>
  ValidateBy({ name: 'plainText', validator: { validate: isPlainText } }, o);
export const PersonName = (o?: ValidationOptions) =>
  ValidateBy({ name: 'plainText', validator: { validate: isPersonName } }, o);
/** Born on or after 1900-01-01 and not in the future. */
export const BirthDate = (o?: ValidationOptions) =>
  ValidateBy({ name: 'birthDate', validator: { validate: (v) => isDateBetween(v, '1900-01-01', seoulToday()) } }, o);
/** An address a mail provider delivers as written (see email-address.ts). */
export const DeliverableEmail = (o?: ValidationOptions) =>
  ValidateBy({ name: 'deliverableEmail', validator: { validate: (v) => typeof v === 'string' && parseEmailAddress(v) !== null } }, o);
