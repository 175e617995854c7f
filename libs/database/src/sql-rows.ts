import type { ClientBase } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

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

/**
 * The hottest statement (intake) as a named prepared statement: Postgres parses and plans it
 * once per connection rather than once per claim. TypeORM's query() cannot name a statement,
 * so this runs on the node-postgres client that TypeORM's public QueryRunner.connect() hands out.
 * Errors are node-postgres's own (pg-errors.ts reads both kinds).
 */
export async function preparedRows<T extends object>(
  dataSource: DataSource,
  statement: { name: string; text: string },
  params: unknown[],
): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as ClientBase;
    const result = await client.query<T>({ name: statement.name, text: statement.text, values: params });
    return result.rows;
  } finally {
    await runner.release();
  }
}
