import { VERDICTS, type Verdict } from '@app/eligibility';

/**
 * What re-scoring under a candidate version would do to a case's claims, counted claim by claim
 * and chunk by chunk. Open claims would be re-assessed and move; claims a person decided are
 * never moved, only flagged when their result would change (see statusAfterAssessment).
 */
export interface PreviewTally {
  /** Claims the dry run assessed (re-scoring would assess the same ones). */
  evaluated: number;
  /** Claims re-scoring leaves alone: not yet assessed (submitted) or withdrawn. */
  notRescored: number;
  /** Open claims by verdict now (rows) and under the candidate (columns). */
  verdicts: Record<Verdict, Record<Verdict, number>>;
  verdictChanged: number;
  amountChanged: number;
  /** Sum of the open claims' estimates now and under the candidate. */
  totalBeforeWon: number;
  totalAfterWon: number;
  /** Open claims whose status would move (screened to needs_information, say). */
  statusMoves: number;
  /** Decided claims (approved, rejected, filed) assessed. */
  decided: number;
  /** Decided claims whose verdict or amount would change: flagged for a person, not moved. */
  flagged: number;
}

/** One claim's result in the dry run. */
export type PreviewOutcome =
  | { kind: 'skipped' }
  | { kind: 'open'; before: { verdict: Verdict; estimateWon: number }; after: { verdict: Verdict; estimateWon: number }; statusMoves: boolean }
  | { kind: 'decided'; changed: boolean };

export function emptyTally(): PreviewTally {
  const verdicts = Object.fromEntries(VERDICTS.map((from) => [from, Object.fromEntries(VERDICTS.map((to) => [to, 0]))])) as PreviewTally['verdicts'];
  return { evaluated: 0, notRescored: 0, verdicts, verdictChanged: 0, amountChanged: 0, totalBeforeWon: 0, totalAfterWon: 0, statusMoves: 0, decided: 0, flagged: 0 };
}

/** Adds one claim's outcome to `tally` (in place; returns it). */
export function addOutcome(tally: PreviewTally, outcome: PreviewOutcome): PreviewTally {
  if (outcome.kind === 'skipped') {
    tally.notRescored++;
    return tally;
  }
  tally.evaluated++;
  if (outcome.kind === 'decided') {
    tally.decided++;
    if (outcome.changed) tally.flagged++;
    return tally;
  }
  const { before, after } = outcome;
  tally.verdicts[before.verdict][after.verdict]++;
  if (before.verdict !== after.verdict) tally.verdictChanged++;
  if (before.estimateWon !== after.estimateWon) tally.amountChanged++;
  tally.totalBeforeWon += before.estimateWon;
  tally.totalAfterWon += after.estimateWon;
  if (outcome.statusMoves) tally.statusMoves++;
  return tally;
}

/** The sum of two tallies (a stored one and a chunk's); a stored tally may be `{}` before the first chunk. */
export function mergeTally(stored: Partial<PreviewTally>, chunk: PreviewTally): PreviewTally {
  const base = { ...emptyTally(), ...stored };
  const sum = emptyTally();
  for (const key of ['evaluated', 'notRescored', 'verdictChanged', 'amountChanged', 'totalBeforeWon', 'totalAfterWon', 'statusMoves', 'decided', 'flagged'] as const) {
    sum[key] = base[key] + chunk[key];
  }
  for (const from of VERDICTS) for (const to of VERDICTS) sum.verdicts[from][to] = (base.verdicts[from]?.[to] ?? 0) + chunk.verdicts[from][to];
  return sum;
}
