import 'reflect-metadata';
import { DEMO_CASE_SLUG, seedDemoCase } from '@app/cases';
import { exitOnStartupFailure, loadConfig } from '@app/config';
import { createDataSource } from '@app/database';

/** `npm run seed`: the demo firm and the coupang-2025 case. Safe to run again. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await createDataSource({ url: config.DATABASE_URL, poolSize: 1, applicationName: 'claims-seed' }).initialize();
  try {
    await seedDemoCase(db);
    process.stdout.write(`seeded case ${DEMO_CASE_SLUG}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch(exitOnStartupFailure());
