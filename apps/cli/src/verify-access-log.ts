import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChainVerifier } from '@app/audit';
import { exitOnStartupFailure } from '@app/config';
import { DatabaseRoleError, TenantDirectory } from '@app/database';
import { CliModule } from './cli.module';

/**
 * `npm run audit:verify`: recomputes every firm's access-log hash chain. Prints each firm's
 * row count and head (seq and hash: record it somewhere outside the database, and a rewrite
 * of the whole chain shows too), or the first row that breaks the chain. Exits 1 on a break.
 * Each run is recorded as the firm's latest full verification, which the access-log page shows.
 */
async function main(): Promise<number> {
  const app = await NestFactory.createApplicationContext(CliModule.register(), { logger: ['error', 'warn'] });
  try {
    const chain = app.get(ChainVerifier);
    let broken = 0;
    for (const firmId of await app.get(TenantDirectory).firmIds()) {
      const report = await chain.verifyAll(firmId);
      if (report.firstBreak) {
        broken++;
        const b = report.firstBreak;
        process.stdout.write(`firm ${firmId}: BROKEN at access_log id ${b.id} (chain seq ${b.chainSeq}): ${b.problem}; ${report.rows} rows before it hold\n`);
      } else {
        const head = report.head ? `head seq ${report.head.seq} hash ${report.head.hash}` : 'empty';
        process.stdout.write(`firm ${firmId}: ok, ${report.rows} rows, ${head}\n`);
      }
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().then((code) => process.exit(code), exitOnStartupFailure([DatabaseRoleError]));
