import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEMO_CASE_SLUG } from '@app/cases';
import { emailProofFor, solvedChallenge } from './protection';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
}

export interface SubmitOptions {
  /** Leave out the proof-of-work header (to test the guard). */
  withoutProofOfWork?: boolean;
  /** Leave out the email proof when the body has none (to test the check). */
  withoutEmailProof?: boolean;
}

/**
 * Submits a claim through the whole Fastify + Nest pipeline (in memory, no socket), as the
 * claimant web would: with a solved challenge and, unless the body has one, the proof of its
 * email address.
 */
export async function submitClaim(
  api: NestFastifyApplication,
  body: unknown,
  headers: Record<string, string> = {},
  slug = DEMO_CASE_SLUG,
  options: SubmitOptions = {},
): Promise<Reply> {
  let payload = body;
  const email = (body as { claimant?: { email?: unknown } })?.claimant?.email;
  if (!options.withoutEmailProof && typeof body === 'object' && body !== null && !('emailProof' in body) && typeof email === 'string') {
    payload = { ...body, emailProof: await emailProofFor(api, slug, email).catch(() => 'no-proof-for-an-unknown-case') };
  }
  const pow = options.withoutProofOfWork ? {} : await solvedChallenge(api);
  return inject(api, 'POST', `/api/cases/${encodeURIComponent(slug)}/claims`, payload, { ...pow, ...headers });
}

/** A JSON request through the whole pipeline; `payload` as a string is sent as it is. */
export async function inject(api: NestFastifyApplication, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await api.inject({
    method,
    url,
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  let parsed: unknown = res.body;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    // not JSON: keep the text so an assertion can show it
  }
  return { status: res.statusCode, headers: res.headers, body: parsed };
}
