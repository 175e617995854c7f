/** Where uploads go while they are taken in, and how large one may be (from AppConfig). */
export interface EvidenceSettings {
  tmpDir: string;
  maxFileBytes: number;
}

export const EVIDENCE_SETTINGS = Symbol('EVIDENCE_SETTINGS');

/** The EvidenceStore in use (local disk or S3, by EVIDENCE_STORE). */
export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');
