import { Pool } from 'undici';
import { DEMO_CASE_ID } from '@app/cases';
import { BENCH_ACCEPT_LANGUAGE, BENCH_USER_AGENT, claimBody, clientAddress } from './claim-body';
import { ClientProofs } from './client-proofs';
import { LoadResult, LoadWindow, runForFixedTime } from './fixed-time-load';

const ERROR_SAMPLES = 5;

export interface IntakeResult extends LoadResult {
  /** claimId of every 201, warm-up and tail included: the integrity check needs all of them. */
  claimIds: string[];
  /** Requests by outcome over the whole phase: HTTP status, or the network error's code. */
  outcomes: Map<string, number>;
  /** The first few non-201 answers, for the report. */
  errorSamples: string[];
}

/**
 * Submits claims to the running API from `concurrency` closed loops over keep-alive
 * connections, each request for a new claimant.
 */
export async function measureApiIntake(baseUrl: string, caseSlug: string, concurrency: number, window: LoadWindow): Promise<IntakeResult> {
  const http = new Pool(baseUrl, { connections: concurrency, pipelining: 1 });
  const path = `/api/cases/${caseSlug}/claims`;
  const headers = {
    'content-type': 'application/json',
    'accept-language': BENCH_ACCEPT_LANGUAGE,
    'user-agent': BENCH_USER_AGENT,
  };
  const proofs = new ClientProofs();
  const claimIds: string[] = [];
  const outcomes = new Map<string, number>();
  const errorSamples: string[] = [];
  const record = (outcome: string, sample?: string) => {
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (sample !== undefined && errorSamples.length < ERROR_SAMPLES) errorSamples.push(`${outcome}: ${sample.slice(0, 300)}`);
  };
  let next = 0;

  const submitOne = async (): Promise<boolean> => {
    const n = next++;
    const claim = claimBody(n);
    const body = JSON.stringify({ ...claim, emailProof: proofs.emailProof(DEMO_CASE_ID, claim.claimant.email) });
    // Each claimant from an address of their own, through the trusted proxy (see settings.ts).
    const perRequest = { ...headers, ...(await proofs.proofOfWorkHeader()), 'x-forwarded-for': clientAddress(n) };
    try {
      const res = await http.request({ method: 'POST', path, headers: perRequest, body });
      const text = await res.body.text();
      if (res.statusCode === 201) {
        claimIds.push((JSON.parse(text) as { claimId: string }).claimId);
        record('201');
        return true;
      }
      record(String(res.statusCode), text);
    } catch (error) {
      record((error as { code?: string }).code ?? 'network error', error instanceof Error ? error.message : String(error));
    }
    return false;
  };

  try {
    const result = await runForFixedTime(concurrency, window, submitOne);
    return { ...result, claimIds, outcomes, errorSamples };
  } finally {
    await http.close();
  }
}
