import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { EVIDENCE_LIMITS } from '@app/evidence';
import { describe } from './claimant-browser';
import { JOIN, makeDraft, makeDrafts, mintFormProof, type OpenDraft } from './draft-maker';
import { ClientProofs } from './client-proofs';
import type { MultipartBody } from './evidence-image';
import { type LoadResult, type LoadWindow, runForFixedTime } from './fixed-time-load';

const FILES_PER_DRAFT = EVIDENCE_LIMITS.maxFilesPerClaim;
/** Failures kept for the report, per kind (status or network error). */
const SAMPLES_PER_KIND = 2;

/** One upload loop's drafts: it fills one, then moves to the next. */
interface Lane {
  drafts: OpenDraft[];
  /** Uploads sent to drafts[0] so far. */
  sent: number;
}

export interface UploadRun extends LoadResult {
  /** Every answer of the run by status (or network error code), warm-up and tail included. */
  outcomes: Map<string, number>;
  errorSamples: string[];
  /** Uploads answered 303 in the whole run, warm-up and tail included. */
  accepted: number;
  /** Elapsed time of the whole run, tail included, in s. */
  wallSeconds: number;
}

/**
 * Upload loops, each with drafts of its own: each upload goes to the loop's current draft and
 * after ten files (a draft's limit) the loop moves to its next draft. The drafts are made before
 * the clock; a loop that runs out makes one more as it goes, counted in `draftsMadeDuringLoad`.
 * Each draft's ten uploads are ten different copies of the photo (a draft keeps an original once).
 */
export class UploadLanes {
  /** Uploads answered 303, per draft id: what the integrity check holds the rows to. */
  readonly acceptedByDraft = new Map<string, number>();
  draftsMadeDuringLoad = 0;
  private readonly lanes: Lane[];
  private readonly free: Lane[];
  private nextPerson: number;
  private readonly proofs = new ClientProofs();

  constructor(
    private readonly http: Pool,
    private readonly copies: MultipartBody[],
    lanes: number,
    firstPerson: number,
  ) {
    if (copies.length < FILES_PER_DRAFT) throw new Error(`need ${FILES_PER_DRAFT} different copies of the photo, got ${copies.length}`);
    this.lanes = Array.from({ length: lanes }, () => ({ drafts: [], sent: 0 }));
    this.free = [...this.lanes];
    this.nextPerson = firstPerson;
  }

  /** Uploads the lanes can still take without a new draft. */
  get capacity(): number {
    return this.lanes.reduce((sum, lane) => sum + Math.max(0, lane.drafts.length * FILES_PER_DRAFT - lane.sent), 0);
  }

  get draftCount(): number {
    return this.acceptedByDraft.size;
  }

  /** Makes drafts (before the clock) until every lane has room for `uploadsPerLane` more uploads. */
  async provision(uploadsPerLane: number, concurrency: number): Promise<number> {
    const wanted = this.lanes.map((lane) => Math.max(0, Math.ceil((lane.sent + uploadsPerLane) / FILES_PER_DRAFT) - lane.drafts.length));
    const total = wanted.reduce((a, b) => a + b, 0);
    const drafts = await makeDrafts(this.http, this.nextPerson, total, concurrency);
    this.nextPerson += total;
    let i = 0;
    this.lanes.forEach((lane, l) => {
      for (let k = 0; k < wanted[l]; k++) this.adopt(lane, drafts[i++]);
    });
    return total;
  }

  /** Runs every lane for `window`, as runForFixedTime measures it (completions inside the window). */
  async run(window: LoadWindow): Promise<UploadRun> {
    const outcomes = new Map<string, number>();
    const errorSamples: string[] = [];
    let accepted = 0;
    const record = (outcome: string, sample?: string) => {
      const seen = outcomes.get(outcome) ?? 0;
      outcomes.set(outcome, seen + 1);
      if (sample !== undefined && seen < SAMPLES_PER_KIND) errorSamples.push(`${outcome}: ${sample}`);
    };
    const uploadOne = async (): Promise<boolean> => {
      const lane = this.free.pop()!; // as many loops as lanes: one is always free
      const started = performance.now();
      const after = () => `after ${Math.round(performance.now() - started)} ms`;
      try {
        const draft = await this.currentDraft(lane);
        const copy = this.copies[lane.sent % FILES_PER_DRAFT];
        lane.sent++;
        const answer = await draft.browser.upload(`${JOIN}/evidence/files`, copy);
        if (answer.status === 303) {
          accepted++;
          this.acceptedByDraft.set(draft.draftId, (this.acceptedByDraft.get(draft.draftId) ?? 0) + 1);
          const ok = /\/join\/evidence\?.*notice=uploaded/.test(answer.location ?? '');
          record(ok ? '303' : '303 elsewhere', ok ? undefined : describe(answer));
          return true;
        }
        record(String(answer.status), `${after()}, draft ${draft.draftId}, upload ${((lane.sent - 1) % FILES_PER_DRAFT) + 1}: ${describe(answer)}`);
      } catch (error) {
        record((error as { code?: string }).code ?? 'error', `${after()}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.free.push(lane);
      }
      return false;
    };
    const started = performance.now();
    const result = await runForFixedTime(this.lanes.length, window, uploadOne);
    return { ...result, outcomes, errorSamples, accepted, wallSeconds: (performance.now() - started) / 1000 };
  }

  /** The lane's draft with room for another file, moving on (or making one) after ten. */
  private async currentDraft(lane: Lane): Promise<OpenDraft> {
    if (lane.sent >= FILES_PER_DRAFT && lane.drafts.length > 0) {
      lane.drafts.shift();
      lane.sent = 0;
    }
    if (lane.drafts.length === 0) {
      const n = this.nextPerson++;
      this.draftsMadeDuringLoad++;
      this.adopt(lane, await makeDraft(this.http, n, await mintFormProof(this.proofs)));
    }
    return lane.drafts[0];
  }

  private adopt(lane: Lane, draft: OpenDraft): void {
    lane.drafts.push(draft);
    this.acceptedByDraft.set(draft.draftId, 0);
  }
}
