import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction acting for one firm. Row-level security shows it that firm's rows and no
 * other's, whatever the query; repositories take one wherever they touch a firm's data, so
 * the compiler refuses a firm-data query made outside a firm's transaction.
 */
export interface FirmTx {
  readonly firmId: string;
  readonly manager: EntityManager;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class FirmScope {
  constructor(private readonly db: DataSource) {}

  /** Runs `work` in one transaction whose policies see `firmId` only (SET LOCAL app.firm_id). */
  run<T>(firmId: string, work: (tx: FirmTx) => Promise<T>): Promise<T> {
    if (!UUID.test(firmId)) return Promise.reject(new Error(`not a firm id: ${JSON.stringify(firmId)}`));
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.firm_id', $1, true)`, [firmId]);
      return work({ firmId, manager });
    });
  }

  /**
   * Outside any firm: the public facts of firms and cases, the outbox, and the functions
   * granted to the app (intake). Any firm's claim data reads as empty here.
   */
  get unscoped(): EntityManager {
    return this.db.manager;
  }
}
