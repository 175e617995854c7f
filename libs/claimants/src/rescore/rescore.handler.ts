import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '@app/config';
import { type CaseDefinition, CaseVersions, CasesService } from '@app/cases';
import { FirmScope } from '@app/database';
import { assessClaim, resultChanged, seoulToday } from '@app/eligibility';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { filingFactsOf, signalsOf } from '../assessment-record';
import { ClaimFlags, type NewFlag } from '../claim-flags.repository';
import { DECIDED_STATUSES, statusAfterAssessment } from '../claim-status';
import { RESCORE_CASE } from '../claims.queue';
import { type AssessmentRecord, ClaimsRepository, type StatusMove } from '../claims.repository';
import type { RescoreRunEntity } from '../entities/rescore-run.entity';
import { PersonalData } from '../personal-data';
import { rescoreRecord } from './rescore-record';
import { type RescoreRow, RescoreRuns } from './rescore-runs.repository';

type Payload = PayloadOf<typeof RESCORE_CASE>;

/** Claims that are not re-scored: not yet assessed (their first assessment uses the new version) or withdrawn. */
const SKIPPED = new Set(['submitted', 'withdrawn']);

/** Whether an activation changes anything an assessment depends on. */
function changesAssessments(from: CaseDefinition | null, to: CaseDefinition): boolean {
  if (!from) return true;
  return (
    from.rules.version !== to.rules.version ||
    from.damages.version !== to.damages.version ||
    from.questionnaire.version !== to.questionnaire.version ||
    from.limitationYears !== to.limitationYears
  );
}

/**
 * Re-scores every claim of a case after an activation, in chunks of RESCORE_CHUNK claims in id
 * order. Each chunk is one transaction that also moves the run's cursor, so a worker killed at
 * any point resumes from the last committed chunk, and a chunk repeated by a second runner adds
 * nothing (assessments and flags are keyed). Open claims get a new assessment and move through
 * the status machine; a claim a person decided is never changed: if its result would change, it
 * is flagged for review with the old and new result. A newer activation supersedes the run.
 */
@JobHandler(RESCORE_CASE)
@Injectable()
export class RescoreHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger('Rescore');

  constructor(
    private readonly scope: FirmScope,
    private readonly runs: RescoreRuns,
    private readonly claims: ClaimsRepository,
    private readonly flags: ClaimFlags,
    private readonly cases: CasesService,
    private readonly versions: CaseVersions,
    private readonly personalData: PersonalData,
    private readonly config: AppConfig,
  ) {}

  async handle({ activationId, firmId }: Payload): Promise<void> {
    let run = await this.start(firmId, activationId);
    while (run?.status === 'running') run = await this.step(firmId, run);
  }

  private async start(firmId: string, activationId: string): Promise<RescoreRunEntity | null> {
    const existing = await this.scope.run(firmId, (tx) => this.runs.find(tx, activationId));
    if (existing) return existing;
    const activation = await this.versions.activation(firmId, activationId);
    if (!activation) throw new Error(`activation ${activationId} not found`);
    const needed = changesAssessments(activation.from, activation.to);
    const run = await this.scope.run(firmId, async (tx) =>
      this.runs.start(tx, {
        id: activationId,
        caseId: activation.caseId,
        fromVersion: activation.fromVersion,
        toVersion: activation.toVersion,
        status: needed ? 'running' : 'done',
        total: needed ? await this.runs.countClaims(tx, activation.caseId) : 0,
      }),
    );
    this.logger.log({ runId: run.id, caseId: run.caseId, from: run.fromVersion, to: run.toVersion, total: run.total, needed }, 'rescore started');
    return run;
  }

  /** One chunk; returns the run as it stands after it. */
  private async step(firmId: string, seen: RescoreRunEntity): Promise<RescoreRunEntity | null> {
    if (!(await this.stillActive(seen))) {
      await this.scope.run(firmId, (tx) => this.runs.finish(tx, seen.id, 'superseded'));
      this.logger.log({ runId: seen.id, done: seen.done }, 'rescore superseded by a newer activation');
      return null;
    }
    const def = (await this.cases.definitionAt(seen.caseId, seen.toVersion))!;
    const t0 = performance.now();
    const rows = await this.scope.run(firmId, (tx) => this.runs.loadChunk(tx, seen.caseId, seen.cursor, this.config.RESCORE_CHUNK));
    if (rows.length === 0) {
      await this.scope.run(firmId, (tx) => this.runs.finish(tx, seen.id, 'done'));
      this.logger.log({ runId: seen.id, done: seen.done, reassessed: seen.reassessed, moved: seen.moved, flagged: seen.flagged }, 'rescore finished');
      return null;
    }
    const t1 = performance.now();
    const work = await this.evaluate(firmId, seen, def, rows);
    const t2 = performance.now();
    const next = await this.scope.run(firmId, async (tx) => {
      // A chunk lost in a crash before its commit reached disk is lost with its cursor, and is
      // simply done again: no need to wait for the flush.
      await tx.manager.query(`SET LOCAL synchronous_commit = off`);
      const run = await this.runs.find(tx, seen.id, true);
      // Another runner moved the cursor meanwhile (a stalled job came back): start from where it is.
      if (!run || run.status !== 'running' || run.cursor !== seen.cursor) return run;
      const inserted = await this.claims.saveAssessments(tx, work.records);
      const moved = await this.claims.moveStatuses(tx, work.moves.filter((m) => inserted.has(m.claimId)), 'system', `re-scored under case version ${seen.toVersion}`);
      const flagged = await this.flags.add(tx, work.flags);
      const counts = { done: rows.length, reassessed: inserted.size, moved: moved.length, flagged };
      await this.runs.advance(tx, run.id, rows.at(-1)!.claimId, counts);
      return this.runs.find(tx, run.id);
    });
    if (next) {
      const seconds = Math.max(0.001, (next.updatedAt.getTime() - next.startedAt.getTime()) / 1000);
      // Where the chunk's time went: reading, opening and assessing, writing.
      const ms = { load: Math.round(t1 - t0), assess: Math.round(t2 - t1), write: Math.round(performance.now() - t2) };
      this.logger.log({ runId: next.id, done: next.done, remaining: Math.max(0, next.total - next.done), ratePerSecond: Math.round(next.done / seconds), ms }, 'rescore progress');
    }
    return next;
  }

  /** Whether the run's version is still the one in force (asked fresh when the cached case disagrees). */
  private async stillActive(run: RescoreRunEntity): Promise<boolean> {
    if ((await this.cases.findById(run.caseId))?.version === run.toVersion) return true;
    this.cases.forgetActive();
    return (await this.cases.findById(run.caseId))?.version === run.toVersion;
  }

  private async evaluate(firmId: string, run: RescoreRunEntity, def: CaseDefinition, rows: RescoreRow[]) {
    const due = rows.filter((r) => !SKIPPED.has(r.status) && r.verification !== null);
    const people = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: RESCORE_CASE.name },
      'claimant.read',
      due.map((r) => ({ claimant: { id: r.claimantId, firmId: r.firmId, birthDateEnc: r.birthDateEnc } })),
      ['birthDate'],
      // Committed with the chunk's results, which makes the record durable too.
      'caller-commit',
    );
    const parts = { questionnaire: def.questionnaire, rules: def.rules, damages: def.damages, limitationYears: def.limitationYears };
    const today = seoulToday();
    const records: AssessmentRecord[] = [];
    const moves: StatusMove[] = [];
    const flags: NewFlag[] = [];
    for (const [i, row] of due.entries()) {
      const verification = row.verification!;
      const result = assessClaim(parts, { answers: row.answers, birthDate: people[i].birthDate, signals: signalsOf(verification), today, ...filingFactsOf(verification) });
      const record = rescoreRecord(row, run.toVersion, result);
      if (DECIDED_STATUSES.includes(row.status)) {
        const old = { verdict: row.verdict!, estimateWon: row.estimateWon! };
        if (resultChanged(old, record)) {
          flags.push({
            claimId: row.claimId,
            rescoreRunId: run.id,
            dedupeKey: `rescore:${run.id}:${row.claimId}`,
            details: {
              status: row.status,
              old: { ...old, rulesVersion: row.rulesVersion, modelVersion: row.modelVersion },
              new: { verdict: record.verdict, estimateWon: record.estimateWon, rulesVersion: record.rulesVersion, modelVersion: record.modelVersion, caseVersion: run.toVersion },
            },
          });
        }
        continue;
      }
      records.push(record);
      const next = statusAfterAssessment(row.status, record.verdict);
      if (next !== row.status) moves.push({ claimId: row.claimId, from: row.status, to: next });
    }
    return { records, moves, flags };
  }
}
