import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase } from '@app/database';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
/** The role the apps connect as (created by the migrations); row-level security applies to it. */
export const APP_ROLE = 'claims_app';

/**
 * A fresh database per test file, built by the real migrations and dropped afterwards.
 * Refuses any name without "test" so a misconfigured run can never touch real data.
 * `dataSource` is the owner's connection, for setting up and asserting on any row of any firm;
 * the apps under test connect with `appUrl`, as claims_app.
 */
export class TestDatabase {
  readonly name = `claims_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  readonly url = `${SERVER}/${this.name}`;
  readonly appUrl = asUser(this.url, APP_ROLE);
  dataSource!: DataSource;

  static async create(): Promise<TestDatabase> {
    const db = new TestDatabase();
    if (!db.name.includes('test')) throw new Error('test databases must have "test" in their name');
    await ensureDatabase(db.url);
    db.dataSource = await createDataSource({ url: db.url, poolSize: 5, applicationName: 'claims-test' }).initialize();
    await db.dataSource.runMigrations({ transaction: 'each' });
    return db;
  }

  async destroy(): Promise<void> {
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await dropDatabase(this.url);
  }
}

export function asUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}
