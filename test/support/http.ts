import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEMO_CASE_SLUG } from '@app/cases';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
}

/** Submits a claim through the whole Fastify + Nest pipeline (in memory, no socket). */
export async function submitClaim(
  api: NestFastifyApplication,
  body: unknown,
  headers: Record<string, string> = {},
  slug = DEMO_CASE_SLUG,
): Promise<Reply> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await api.inject({
    method: 'POST',
    url: `/api/cases/${encodeURIComponent(slug)}/claims`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: raw,
  });
  let parsed: unknown = res.body;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    // not JSON: keep the text so an assertion can show it
  }
  return { status: res.statusCode, headers: res.headers, body: parsed };
}
