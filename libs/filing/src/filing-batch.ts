export type BatchStatus = 'open' | 'locked' | 'filed';

/** A filing round as the console shows it. */
export interface FilingBatch {
  id: string;
  caseId: string;
  caseSlug: string;
  number: number;
  name: string;
  status: BatchStatus;
  plaintiffs: number;
  estimateWon: number;
  createdBy: string;
  createdAt: Date;
  lockedAt: Date | null;
  filedAt: Date | null;
  /** Hex, once locked. */
  listSha256: string | null;
}

