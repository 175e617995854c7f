import { Pool } from 'undici';
import { DEMO_CASE_ID } from '@app/cases';
import { BENCH_ACCEPT_LANGUAGE, BENCH_USER_AGENT, claimBody, clientAddress } from './claim-body';
import { ClientProofs } from './client-proofs';
import { LoadResult, LoadWindow, runForFixedTime } from './fixed-time-load';

const ERROR_SAMPLES = 5;
/**
 * Requests minted before the clock starts, per second of the phase: minting costs the load
 * generator about 0.5 ms of CPU a claim, which on a two-core machine it would take from the API
 * and Postgres (a real client solves its challenge on its own device). Past the pool, requests
 * are minted as they go, and the report says how many were.
 */
const PREPARED_PER_SECOND = 1_000;

export interface IntakeResult extends LoadResult {
  /** claimId of every 201, warm-up and tail included: the integrity check needs all of them. */
  claimIds: string[];
  /** Requests by outcome over the whole phase: HTTP status, or the network error's code. */
  outcomes: Map<string, number>;
  /** The first few non-201 answers, for the report. */
  errorSamples: string[];
  /** Requests whose proofs were minted during the measured phase (the pool ran out). */
  mintedDuringLoad: number;
}

export interface IntakeHooks {
  /**
   * Called once the requests are minted and the clock starts: minting the pool takes seconds,
   * so anything timed against the load (the fault trial's faults) starts from here.
   */
  onLoadStart?: () => void;
  /** Called on every 201, so a caller can tell how many claims had arrived at a given moment. */
  onConfirmed?: (claimId: string) => void;
}

/**
 * Submits claims to the running API from `concurrency` closed loops over keep-alive
 * connections, each request for a new claimant.
 */
export async function measureApiIntake(baseUrl: string, caseSlug: string, concurrency: number, window: LoadWindow, hooks: IntakeHooks = {}): Promise<IntakeResult> {
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
  let mintedDuringLoad = 0;
  const mint = async (n: number) => {
    const claim = claimBody(n);
    const body = JSON.stringify({ ...claim, emailProof: proofs.emailProof(DEMO_CASE_ID, claim.claimant.email) });
    // Each claimant from an address of their own, through the trusted proxy (see settings.ts).
    return { body, headers: { ...headers, ...(await proofs.proofOfWorkHeader()), 'x-forwarded-for': clientAddress(n) } };
  };
  const prepared: Awaited<ReturnType<typeof mint>>[] = [];
  const poolSize = Math.ceil((PREPARED_PER_SECOND * (window.warmupMs + window.measureMs)) / 1000);
  for (let n = 0; n < poolSize; n++) prepared.push(await mint(n));

  const submitOne = async (): Promise<boolean> => {
    const n = next++;
    const request = prepared[n] ?? (mintedDuringLoad++, await mint(n));
    prepared[n] = undefined as never; // each request once; let it go
    const { body, headers: perRequest } = request;
    try {
      const res = await http.request({ method: 'POST', path, headers: perRequest, body });
      const text = await res.body.text();
      if (res.statusCode === 201) {
        const { claimId } = JSON.parse(text) as { claimId: string };
        claimIds.push(claimId);
        hooks.onConfirmed?.(claimId);
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
    hooks.onLoadStart?.();
    const result = await runForFixedTime(concurrency, window, submitOne);
    return { ...result, claimIds, outcomes, errorSamples, mintedDuringLoad };
  } finally {
    await http.close();
  }
}
