import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CaseSeeder } from '@app/cases';
import { exitOnStartupFailure } from '@app/config';
import { DatabaseRoleError } from '@app/database';
import { CliModule } from './cli.module';

/** `npm run seed`: the demo firm and its demo cases from their definition files, written as that firm. Safe to run again. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule.register(), { logger: ['error', 'warn'] });
  try {
    for (const { slug, version } of await app.get(CaseSeeder).seedDemo()) process.stdout.write(`seeded case ${slug} (version ${version} active)\n`);
  } finally {
    await app.close();
  }
}

main().catch(exitOnStartupFailure([DatabaseRoleError]));
