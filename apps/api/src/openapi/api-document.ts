import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Where Swagger UI is served; the JSON document is at `${API_DOCS_PATH}-json`. */
export const API_DOCS_PATH = 'api/docs';

/** The JSON API and health; the HTML pages (/c/, /status) are not part of the contract. */
export const DOCUMENTED_PREFIXES = ['/api/', '/health/'] as const;

const DESCRIPTION = [
  'The JSON API behind the claimant pages of a mass data-breach lawsuit: a case\'s public facts and form, the email-code step, claim submission, and the claimant\'s own status, cure, withdrawal and data export.',
  '',
  '**Language.** Korean is the default language of every message. Send `Accept-Language: en` and every message (errors, field errors, confirmations) is in English.',
  '',
  '**Errors.** Every error has one format, `ApiErrorBody`: `{ statusCode, code, message, errors: [{ field, code, message }] }`. A 400 names every field at fault in one answer; 429 and 503 carry `Retry-After`.',
  '',
  '**Protected writes** (email codes, status links, claims) need a solved proof of work: fetch `GET /api/challenge`, solve it (ALTCHA), and send the base64 payload as `x-altcha`. Each solution works once. They are rate limited per network, and per email, mobile and case where it applies.',
  '',
  '**Claims.** Prove the address first (`POST /api/cases/{slug}/email-codes`, then `.../verify`), then submit with the proof. Send an `Idempotency-Key` to retry safely: the same key and body give the same claim.',
].join('\n');

/**
 * The OpenAPI document of the JSON API, from the controllers' decorators. Only paths under
 * DOCUMENTED_PREFIXES are kept, and only the schemas they use, so the pages' form classes stay out.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Claims intake API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addTag('Cases', "A case's public facts and the form a claim fills in.")
    .addTag('Proof of work', 'The challenge a protected write must solve.')
    .addTag('Email codes', 'Proving the claimant holds the email address.')
    .addTag('Claims', 'Submitting a claim, and the claimant\'s own actions through their status link.')
    .addTag('Status links', 'A new status link by email.')
    .addTag('Operations', 'For operators, behind OPS_TOKEN.')
    .addTag('Health', 'Liveness and readiness.')
    .build();
  return keepDocumentedPaths(SwaggerModule.createDocument(app, config));
}

export function isDocumentedPath(path: string): boolean {
  return DOCUMENTED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

function keepDocumentedPaths(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => isDocumentedPath(path)));
  const schemas = document.components?.schemas ?? {};
  // The schemas the kept paths reach, directly or through other schemas.
  const used = new Set<string>();
  const pending = [paths as unknown];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
          const name = value.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            pending.push(schemas[name]);
          }
        } else pending.push(value);
      }
    }
  }
  const tags = new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op: { tags?: string[] }) => op?.tags ?? [])));
  return {
    ...document,
    paths,
    tags: document.tags?.filter((tag) => tags.has(tag.name)),
    components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) },
  };
}
