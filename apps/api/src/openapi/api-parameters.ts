import { ApiHeader, ApiParam, ApiQuery } from '@nestjs/swagger';
import { DEMO_CASE_SLUG } from '@app/cases';
import { STATUS_TOKEN_EXAMPLE } from '@app/claimants';

// Header names are lower case, as the handlers read them, so each merges with the parameter Nest reflects.

/** Every message of the API is in Korean unless the client prefers English. */
export const ApiAcceptLanguage = () =>
  ApiHeader({
    name: 'accept-language',
    required: false,
    description: 'The language of every message in the answer, errors included: Korean by default, English when the client prefers `en` (q-values are honoured).',
    schema: { type: 'string', example: 'en' },
  });

/** The solved challenge of `GET /api/challenge` (ProtectedWriteGuard). */
export const ApiProofOfWork = () =>
  ApiHeader({
    name: 'x-altcha',
    required: true,
    description:
      'Proof of work: base64 of the JSON `{ challenge: { parameters, signature }, solution: { counter, derivedKey } }` for a challenge from `GET /api/challenge` (ALTCHA). ' +
      'Each solution works once and until its challenge expires. Missing: 400 `request.proofOfWorkRequired`; wrong, expired or spent: 400 `request.proofOfWorkInvalid`.',
    schema: { type: 'string', maxLength: 4096 },
  });

export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'idempotency-key',
    required: false,
    description:
      'Makes a retry safe: the same key with the same body answers the same claim (201, `idempotent-replayed: true`) instead of a 409; the same key with another body is a 422. 8 to 100 letters, digits, - or _.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$', example: '7f9c2ba4-e88f-4d1b-9a3c-2f0b5d6e8a11' },
  });

export const ApiCaseSlug = () =>
  ApiParam({ name: 'slug', description: "The case's slug, as in its page's address (/c/{slug}).", schema: { type: 'string', example: DEMO_CASE_SLUG } });

/** The token of a claimant's status link, as a query parameter. */
export const ApiStatusToken = () =>
  ApiQuery({
    name: 'token',
    required: true,
    description: "The token of the claimant's status link (from the link in their emails). A forged, expired or replaced one is a 404.",
    schema: { type: 'string', maxLength: 300, example: STATUS_TOKEN_EXAMPLE },
  });
