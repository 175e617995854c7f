import { Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { emptyTally, mergeTally, type PreviewTally } from './preview-tally';
import { VersionPreviews } from './version-previews.repository';

export interface VersionPreviewView {
  id: string;
  caseId: string;
  fromVersion: number | null;
  toVersion: number;
  status: 'running' | 'done';
  /** Null until the job has counted the case's claims. */
  total: number | null;
  done: number;
  tally: PreviewTally;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Previews of case versions, for the console. */
@Injectable()
export class VersionPreviewQuery {
  constructor(
    private readonly scope: FirmScope,
    private readonly previews: VersionPreviews,
  ) {}

  /** The firm's preview of `caseId` with this id, or null (another case's, another firm's, or none). */
  async get(firmId: string, caseId: string, id: string): Promise<VersionPreviewView | null> {
    const row = await this.scope.run(firmId, (tx) => this.previews.find(tx, id));
    return row && row.caseId === caseId ? view(row) : null;
  }

  async latest(firmId: string, caseId: string, limit = 20): Promise<VersionPreviewView[]> {
    const rows = await this.scope.run(firmId, (tx) => this.previews.latest(tx, caseId, limit));
    return rows.map(view);
  }
}

function view(row: Awaited<ReturnType<VersionPreviews['find']>> & object): VersionPreviewView {
  return {
    id: row.id,
    caseId: row.caseId,
    fromVersion: row.fromVersion,
    toVersion: row.toVersion,
    status: row.status,
    total: row.total,
    done: row.done,
    tally: mergeTally(row.tally, emptyTally()),
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
