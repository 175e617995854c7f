import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows whatever the command. (TypeORM's plain `query()` returns
 * `[rows, count]` for UPDATE/DELETE and bare rows otherwise; repositories should not
 * have to remember which.) Pass the transaction's EntityManager to run inside it.
 */
export async function queryRows<T = Record<string, any>>(
  runner: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const inTransaction = runner instanceof EntityManager ? runner.queryRunner : undefined;
  const queryRunner = inTransaction ?? (runner instanceof DataSource ? runner : runner.connection).createQueryRunner();
  try {
    const result = await queryRunner.query(sql, params, true);
    return result.records as T[];
  } finally {
    if (!inTransaction) await queryRunner.release();
  }
}
