import { recordRoutes } from '../support/routes';
import { TestStack } from '../support/test-app';

type Operation = { summary?: string; description?: string; tags?: string[]; parameters?: Parameter[]; requestBody?: unknown; responses: Record<string, Response> };
type Parameter = { in: string; name: string; required?: boolean };
type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: { $ref?: string } }> };
type Document = {
  openapi: string;
  info: { title: string; description: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { items?: { $ref?: string } }>; required?: string[] }> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Swagger UI and the document itself: the documentation, not part of the API it documents. */
const isDocsRoute = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/') || url === '/api/docs-json';
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([method, op]) => ({ path, method, op })));

/**
 * The JSON API's contract at /api/docs-json (and Swagger UI at /api/docs): every route the
 * application answers under /api/ and /health/ is in it, described; the pages are not; and Swagger
 * UI gets the policy it needs while the pages keep theirs.
 */
describe('OpenAPI document', () => {
  let stack: TestStack;
  /** Every route the stack's API registered. */
  const registered: { method: string; url: string }[] = [];
  let doc: Document;

  beforeAll(async () => {
    const stopRecording = recordRoutes(registered);
    try {
      stack = await TestStack.start();
    } finally {
      stopRecording();
    }
    const res = await stack.api.inject({ method: 'GET', url: '/api/docs-json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is an OpenAPI 3 document whose references all resolve', async () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Claims intake API', description: expect.stringContaining('Accept-Language: en'), version: '1' });
    expect(doc.info.description).toMatch(/Korean is the default language/);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect({ ref, found: Boolean(doc.components.schemas[name]) }).toEqual({ ref, found: true });
    }
    // A path's every {parameter} is a required path parameter of each of its operations.
    for (const { path, method, op } of operations(doc)) {
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect({ path, method, name, declared: op.parameters?.some((p) => p.in === 'path' && p.name === name && p.required) }).toEqual({ path, method, name, declared: true });
      }
      expect({ path, method, responses: Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)) }).toEqual({ path, method, responses: true });
    }
  });

  it('documents every JSON route the application registers, and only those', async () => {
    const json = registered.filter((r) => METHODS.includes(r.method) && (r.url.startsWith('/api/') || r.url.startsWith('/health/')) && !isDocsRoute(r.url));
    // The recorder saw the app's routes (the claims route, the pages, Swagger UI's), not nothing.
    expect(registered).toEqual(expect.arrayContaining([{ method: 'post', url: '/api/cases/:slug/claims' }, { method: 'get', url: '/c/:slug' }, { method: 'get', url: '/api/docs' }]));
    expect(json.length).toBeGreaterThan(10);
    const documented = operations(doc).map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort();
    expect(documented).toEqual([...new Set(json.map((r) => `${r.method.toUpperCase()} ${toOpenApiPath(r.url)}`))].sort());
    // And the running stack answers each documented route (none is described but missing).
    const fastify = stack.api.getHttpAdapter().getInstance();
    for (const { path, method } of operations(doc)) {
      expect({ path, method, exists: fastify.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }) }).toEqual({ path, method, exists: true });
    }
  });

  it('leaves out the HTML pages', async () => {
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => !p.startsWith('/api/') && !p.startsWith('/health/'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/c/') || p === '/status' || p.startsWith('/status/'))).toEqual([]);
    // Nor the classes only the pages use: every schema is referenced.
    const text = JSON.stringify(doc);
    expect(Object.keys(doc.components.schemas).filter((name) => !text.includes(`"$ref":"#/components/schemas/${name}"`))).toEqual([]);
  });

  it('gives every operation a summary, a description and a tag', async () => {
    for (const { path, method, op } of operations(doc)) {
      expect({ path, method, summary: op.summary?.length, description: (op.description?.length ?? 0) > 40, tags: op.tags?.length }).toEqual({
        path, method, summary: expect.any(Number), description: true, tags: 1,
      });
    }
  });

  it('describes the claim submission: its body, guards, answers and the one error format', async () => {
    const submit = doc.paths['/api/cases/{slug}/claims'].post;
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '413', '415', '422', '429', '503']));
    const headers = (submit.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ name: p.name.toLowerCase(), required: p.required }));
    expect(headers).toEqual(expect.arrayContaining([{ name: 'x-altcha', required: true }, { name: 'idempotency-key', required: false }, { name: 'accept-language', required: false }]));
    expect(JSON.stringify(submit.requestBody)).toContain('#/components/schemas/SubmitClaimDto');
    expect(submit.responses['429'].headers).toHaveProperty('Retry-After');
    expect(submit.responses['503'].headers).toHaveProperty('Retry-After');
    expect(submit.responses['201'].content?.['application/json'].schema?.$ref).toBe('#/components/schemas/ClaimCreatedBody');
    expect(doc.components.schemas.ClaimCreatedBody.required).toEqual(['claimId', 'claimNumber', 'status']);

    // One error schema, referenced by every error answer of every operation.
    const error = doc.components.schemas.ApiErrorBody;
    expect(error.required).toEqual(['statusCode', 'code', 'message']);
    expect(error.properties?.errors.items?.$ref).toBe('#/components/schemas/FieldErrorBody');
    expect(doc.components.schemas.FieldErrorBody.required).toEqual(['field', 'code', 'message']);
    for (const { path, method, op } of operations(doc).filter(({ path }) => path.startsWith('/api/'))) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        expect({ path, method, status, schema: response.content?.['application/json'].schema?.$ref }).toEqual({ path, method, status, schema: '#/components/schemas/ApiErrorBody' });
      }
    }

    // The free-form parts point at the case that defines them, with the demo case's values.
    const body = doc.components.schemas.SubmitClaimDto.properties as Record<string, { description?: string; example?: Record<string, unknown> }>;
    expect(body.answers.description).toContain('GET /api/cases/{slug}');
    expect(body.answers.example).toMatchObject({ noticeReceived: 'leak', learnedOn: '2025-12-01' });
    const consents = doc.components.schemas.ConsentsDto.properties as Record<string, { example?: Record<string, unknown> }>;
    expect(consents.granted.example).toEqual({ collection: true, third_party: true, marketing: false });
  });

  it('matches what the API really answers: the case, the challenge and an error', async () => {
    const kase = await stack.api.inject({ method: 'GET', url: '/api/cases/coupang-2025' });
    const caseSchema = doc.components.schemas.PublicCaseBody;
    expect(Object.keys(kase.json()).sort()).toEqual(Object.keys(caseSchema.properties ?? {}).sort());
    const challenge = await stack.api.inject({ method: 'GET', url: '/api/challenge' });
    expect(Object.keys(challenge.json()).sort()).toEqual((doc.components.schemas.ChallengeBody.required ?? []).sort());
    const missing = await stack.api.inject({ method: 'GET', url: '/api/cases/no-such-case', headers: { 'accept-language': 'en' } });
    expect(Object.keys(missing.json()).sort()).toEqual([...(doc.components.schemas.ApiErrorBody.required ?? [])].sort());
  });

  it('serves Swagger UI under a policy that allows its inline styles, while the pages keep theirs', async () => {
    const ui = await stack.api.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.body).toContain('swagger-ui-bundle.js');
    expect(ui.headers['cache-control']).toBe('public, max-age=300');
    const csp = String(ui.headers['content-security-policy']).split(/;\s*/);
    expect(csp).toEqual(
      expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'"]),
    );
    expect(csp.join('; ')).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);

    // The files its page loads, under the same policy.
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-ui-init.js']) {
      const res = await stack.api.inject({ method: 'GET', url: `/api/docs/${file}` });
      expect({ file, status: res.statusCode, cache: res.headers['cache-control'] }).toEqual({ file, status: 200, cache: 'public, max-age=300' });
      expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    }
    const json = await stack.api.inject({ method: 'GET', url: '/api/docs-json' });
    expect(json.headers['cache-control']).toBe('public, max-age=300');
    // A miss under the prefix is an error like any other: the one format, never cached.
    const miss = await stack.api.inject({ method: 'GET', url: '/api/docs/nothing-here.js' });
    expect({ status: miss.statusCode, code: miss.json().code, cache: miss.headers['cache-control'] }).toEqual({ status: 404, code: 'request.notFound', cache: 'no-store' });

    for (const url of ['/c/coupang-2025', '/api/cases/coupang-2025', '/api/docsx']) {
      const res = await stack.api.inject({ method: 'GET', url });
      const policy = String(res.headers['content-security-policy']);
      expect({ url, policy }).toEqual({ url, policy: expect.stringContaining("style-src 'self';") });
      expect({ url, policy }).toEqual({ url, policy: expect.not.stringContaining('unsafe-inline') });
    }
    expect((await stack.api.inject({ method: 'GET', url: '/c/coupang-2025' })).statusCode).toBe(200);
  });
});
