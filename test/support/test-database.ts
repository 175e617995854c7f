import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase } from '@app/database';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * A fresh database per test file, built by the real migrations and dropped afterwards.
 * Refuses any name without "test" so a misconfigured run can never touch real data.
 */
export class TestDatabase {
  readonly name = `claims_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  readonly url = `${SERVER}/${this.name}`;
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
