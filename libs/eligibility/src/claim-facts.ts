/** What the claimant told us about how the breach reached them (the form's "answers"). */
export const NOTICE_KINDS = ['exposure', 'leak', 'both', 'third_party', 'none'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Categories of leaked data, from least to most sensitive. */
export const DATA_CATEGORIES = ['name_email', 'phone_address', 'order_history', 'entry_code'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export interface ClaimAnswers {
  noticeReceived: NoticeKind;
  exposedData: DataCategory[];
  secondaryHarm: boolean;
  voucherUsed: boolean;
  otherRepresentation: boolean;
  usResident: boolean;
  /** YYYY-MM-DD: when the claimant learned of the breach; starts the limitation period. */
  learnedOn: string;
}

/** Everything the rules and the estimate look at; assembled by the worker from Postgres. */
export interface ClaimFacts {
  answers: ClaimAnswers;
  birthDate: string;
  /** Date the rules are evaluated on (YYYY-MM-DD, Asia/Seoul). */
  today: string;
  /** Other claimants in the same case with the same phone hash. */
  samePhoneClaims: number;
  /** Claims from the same IP hash in the same case in the last 24 hours, this one included. */
  sameIpClaims24h: number;
  /** Whether the typed signature matches the claimant's name once normalised. */
  signatureMatchesName: boolean;
  limitationYears: number;
}
