import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { type CaseDefinition, CasesService } from '@app/cases';
import { FirmScope } from '@app/database';
import { assessClaim, resultChanged, seoulToday } from '@app/eligibility';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { filingFactsOf, signalsOf } from '../assessment-record';
import { DECIDED_STATUSES, statusAfterAssessment } from '../claim-status';
import { PersonalData } from '../personal-data';
import { addOutcome, emptyTally, mergeTally, type PreviewOutcome, type PreviewTally } from './preview-tally';
import { PREVIEW_VERSION } from './preview.queue';
import { rescoreRecord } from './rescore-record';
import { type RescoreRow, RescoreRuns } from './rescore-runs.repository';
import { type VersionPreviewRow, VersionPreviews } from './version-previews.repository';

type Payload = PayloadOf<typeof PREVIEW_VERSION>;

/** As re-scoring: claims not yet assessed (their first assessment uses the version in force) and withdrawn ones are left alone. */
const NOT_RESCORED = new Set(['submitted', 'withdrawn']);

/**
 * A dry run of re-scoring a case under a saved version: the same claims, read by re-scoring's own
 * chunk query, assessed by the same pure function with the same facts, sorted by what re-scoring
 * would do with each result (move an open claim, flag a decided one), and counted. Nothing is
 * written but the preview's row: each chunk's tally is committed with the cursor, so a killed job
 * resumes where it stopped and a repeated chunk (another runner moved the cursor) counts nothing.
 */
@JobHandler(PREVIEW_VERSION)
@Injectable()
export class PreviewVersionHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger('VersionPreview');

  constructor(
    private readonly scope: FirmScope,
    private readonly previews: VersionPreviews,
    private readonly runs: RescoreRuns,
    private readonly cases: CasesService,
    private readonly personalData: PersonalData,
    private readonly config: AppConfig,
  ) {}

  async handle({ previewId, firmId }: Payload): Promise<void> {
    let preview = await this.scope.run(firmId, (tx) => this.previews.find(tx, previewId));
    if (!preview) throw new Error(`version preview ${previewId} not found`);
    if (preview.status !== 'running') return;
    const def = await this.cases.definitionAt(preview.caseId, preview.toVersion);
    if (!def) throw new Error(`case ${preview.caseId} has no version ${preview.toVersion}`);
    if (preview.total === null) {
      await this.scope.run(firmId, async (tx) => this.previews.setTotal(tx, previewId, await this.runs.countClaims(tx, preview!.caseId)));
    }
    while (preview?.status === 'running') preview = await this.step(firmId, preview, def);
  }

  private async step(firmId: string, seen: VersionPreviewRow, def: CaseDefinition): Promise<VersionPreviewRow | null> {
    const rows = await this.scope.run(firmId, (tx) => this.runs.loadChunk(tx, seen.caseId, seen.cursor, this.config.RESCORE_CHUNK));
    if (rows.length === 0) {
      await this.scope.run(firmId, (tx) => this.previews.finish(tx, seen.id));
      this.logger.log({ previewId: seen.id, done: seen.done }, 'version preview finished');
      return null;
    }
    const chunk = await this.tally(firmId, def, seen.toVersion, rows);
    return this.scope.run(firmId, async (tx) => {
      const current = await this.previews.find(tx, seen.id, true);
      // Another runner moved the cursor meanwhile: carry on from where it is, counting nothing twice.
      if (!current || current.status !== 'running' || current.cursor !== seen.cursor) return current;
      await this.previews.advance(tx, current.id, rows.at(-1)!.claimId, rows.length, mergeTally(current.tally, chunk));
      return this.previews.find(tx, current.id);
    });
  }

  /** The chunk's outcomes, decided as RescoreHandler decides them. */
  private async tally(firmId: string, def: CaseDefinition, toVersion: number, rows: RescoreRow[]): Promise<PreviewTally> {
    const tally = emptyTally();
    const due = rows.filter((r) => !NOT_RESCORED.has(r.status) && r.verification !== null);
    for (let i = rows.length - due.length; i > 0; i--) addOutcome(tally, { kind: 'skipped' });
    const people = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: PREVIEW_VERSION.name },
      'claimant.read',
      due.map((r) => ({ claimant: { id: r.claimantId, firmId: r.firmId, birthDateEnc: r.birthDateEnc } })),
      ['birthDate'],
      // Made durable by the chunk's commit of the tally.
      'caller-commit',
    );
    const parts = { questionnaire: def.questionnaire, rules: def.rules, damages: def.damages, limitationYears: def.limitationYears };
    const today = seoulToday();
    for (const [i, row] of due.entries()) {
      const verification = row.verification!;
      const result = assessClaim(parts, { answers: row.answers, birthDate: people[i].birthDate, signals: signalsOf(verification), today, ...filingFactsOf(verification) });
      const record = rescoreRecord(row, toVersion, result);
      const before = { verdict: row.verdict!, estimateWon: row.estimateWon! };
      const outcome: PreviewOutcome = DECIDED_STATUSES.includes(row.status)
        ? { kind: 'decided', changed: resultChanged(before, record) }
        : { kind: 'open', before, after: { verdict: record.verdict, estimateWon: record.estimateWon }, statusMoves: statusAfterAssessment(row.status, record.verdict) !== row.status };
      addOutcome(tally, outcome);
    }
    return tally;
  }
}
