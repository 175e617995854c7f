import { EntityManager } from 'typeorm';

/**
 * A hand-written statement with typed rows, for the few that the query builder cannot say
 * well (the intake call, bulk writes from arrays). TypeORM's own `query()` returns bare rows
 * for SELECT but `[rows, count]` for UPDATE ... RETURNING; this always returns the rows.
 */
export async function sqlRows<T extends object>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const inTransaction = manager.queryRunner;
  const runner = inTransaction ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return result.records as T[];
  } finally {
    if (!inTransaction) await runner.release();
  }
}
