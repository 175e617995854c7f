import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CaseSeeder, DEMO_CASE_SLUG } from '@app/cases';
import { exitOnStartupFailure } from '@app/config';
import { DatabaseRoleError } from '@app/database';
import { CliModule } from './cli.module';

/** `npm run seed`: the demo firm and the coupang-2025 case, written as that firm. Safe to run again. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule.register(), { logger: ['error', 'warn'] });
  try {
    await app.get(CaseSeeder).seedDemo();
    process.stdout.write(`seeded case ${DEMO_CASE_SLUG}\n`);
  } finally {
    await app.close();
  }
}

main().catch(exitOnStartupFailure([DatabaseRoleError]));
