import 'reflect-metadata';
import { exitOnStartupFailure, loadConfig } from '@app/config';
import { createDataSource, ensureDatabase } from '@app/database';

/**
 * `npm run migrate`: creates the database if missing and applies pending migrations, as
 * DATABASE_ADMIN_URL (the schema's owner; the apps themselves connect as claims_app).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (await ensureDatabase(config.DATABASE_ADMIN_URL)) process.stdout.write('created database\n');
  const db = await createDataSource({ url: config.DATABASE_ADMIN_URL, poolSize: 1, applicationName: 'claims-migrate' }).initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'schema is up to date\n');
  } finally {
    await db.destroy();
  }
}

main().catch(exitOnStartupFailure());
