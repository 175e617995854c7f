import { evaluate, type Logic, truthy } from './logic';
import type { Answers } from './questionnaire';
import type { Bilingual } from './text';

/**
 * A kind of evidence a case asks claimants to upload (the breach notice, proof of the account,
 * a family-relation certificate). Rules read how many files of each kind a claim holds as
 * `evidence.<id>`, and a deficiency names the kind that cures it, so the claimant's screens can
 * offer the right upload.
 */
export interface EvidenceKind {
  /** A lower-case id: breach_notice, family_certificate, ... */
  id: string;
  label: Bilingual;
  help?: Bilingual;
  /** JsonLogic over `{ answers, filer }`: the kind is asked for only when it holds (harm evidence after "yes, I was harmed"). */
  showIf?: Logic;
}

export interface EvidenceRequest {
  kinds: EvidenceKind[];
}

/** Who is filing: the claimant, or a legal guardian for a minor. */
export interface Filer {
  guardian: boolean;
}

/** The kinds to offer a claimant, given their answers and who is filing. */
export function kindsShown(request: EvidenceRequest | undefined, facts: { answers: Answers; filer: Filer }): EvidenceKind[] {
  return (request?.kinds ?? []).filter((kind) => kind.showIf === undefined || truthy(evaluate(kind.showIf, facts)));
}

/** Files on record per kind; every kind of the case is present (0 when none), so rules never read a missing count. */
export function evidenceCounts(request: EvidenceRequest | undefined, files: Iterable<{ kind: string }>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries((request?.kinds ?? []).map((k) => [k.id, 0]));
  for (const file of files) if (file.kind in counts) counts[file.kind] += 1;
  return counts;
}
