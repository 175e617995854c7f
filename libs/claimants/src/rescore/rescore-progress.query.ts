import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import type { RescoreRunEntity } from '../entities/rescore-run.entity';
import { RescoreRuns } from './rescore-runs.repository';

export interface RescoreProgress {
  id: string;
  caseSlug: string;
  fromVersion: number | null;
  toVersion: number;
  status: RescoreRunEntity['status'];
  total: number;
  done: number;
  remaining: number;
  reassessed: number;
  moved: number;
  flagged: number;
  ratePerSecond: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** Where re-scoring runs stand, for operators (and, later, the staff console). */
@Injectable()
export class RescoreProgressQuery {
  constructor(
    private readonly scope: FirmScope,
    private readonly runs: RescoreRuns,
    private readonly cases: CasesService,
  ) {}

  async list(caseSlug: string): Promise<RescoreProgress[]> {
    const kase = await this.cases.getBySlug(caseSlug);
    const runs = await this.scope.run(kase.firmId, (tx) => this.runs.latest(tx, kase.id, 20));
    return runs.map((r) => view(r, caseSlug));
  }

  async get(caseSlug: string, runId: string): Promise<RescoreProgress> {
    const kase = await this.cases.getBySlug(caseSlug);
    const run = /^[0-9a-f-]{36}$/i.test(runId) ? await this.scope.run(kase.firmId, (tx) => this.runs.find(tx, runId)) : null;
    if (!run || run.caseId !== kase.id) throw new ApiException(HttpStatus.NOT_FOUND, 'rescore.notFound');
    return view(run, caseSlug);
  }
}

function view(r: RescoreRunEntity, caseSlug: string): RescoreProgress {
  const end = (r.finishedAt ?? r.updatedAt).getTime();
  const seconds = Math.max(0.001, (end - r.startedAt.getTime()) / 1000);
  return {
    id: r.id,
    caseSlug,
    fromVersion: r.fromVersion,
    toVersion: r.toVersion,
    status: r.status,
    total: r.total,
    done: r.done,
    remaining: r.status === 'running' ? Math.max(0, r.total - r.done) : 0,
    reassessed: r.reassessed,
    moved: r.moved,
    flagged: r.flagged,
    ratePerSecond: Math.round(r.done / seconds),
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    finishedAt: r.finishedAt,
  };
}
