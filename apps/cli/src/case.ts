import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CaseVersions, DefinitionRejected } from '@app/cases';
import { exitOnStartupFailure } from '@app/config';
import { DatabaseRoleError } from '@app/database';
import { CliModule } from './cli.module';

const USAGE = `usage:
  npm run case -- save <definition.json>                  check and save as the case's next version
  npm run case -- activate <slug> <version> [reason]      put a saved version in force (re-scores the case's claims)`;

/**
 * Counsel's changes to a case are data: a reviewed JSON file is saved as a new version (refused,
 * with every problem named, if anything is wrong), then activated. The running worker re-scores
 * the case's claims; GET /api/ops/cases/<slug>/rescores shows the progress.
 */
async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!['save', 'activate'].includes(command ?? '')) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const actor = `cli:${userInfo().username}`;
  const app = await NestFactory.createApplicationContext(CliModule.register(), { logger: ['error', 'warn'] });
  try {
    const versions = app.get(CaseVersions);
    if (command === 'save') {
      const definition = JSON.parse(readFileSync(args[0], 'utf8')) as { slug?: unknown };
      const saved = await versions.save(String(definition.slug), definition, actor);
      process.stdout.write(`${saved.created ? 'saved' : 'already saved as'} version ${saved.version} of ${String(definition.slug)} (sha256 ${saved.sha256})\n`);
    } else {
      const activation = await versions.activate(args[0], Number(args[1]), actor, args[2] ?? null);
      process.stdout.write(
        activation.activationId
          ? `activated version ${activation.toVersion} of ${args[0]} (was ${activation.fromVersion ?? 'none'}); re-scoring run ${activation.activationId}\n`
          : `version ${activation.toVersion} of ${args[0]} is already active\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof DefinitionRejected)) throw error;
    process.stderr.write(`refused; the active version is unchanged:\n${error.problems.map((p) => `  ${p.part} / ${p.item}: ${p.message}`).join('\n')}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch(exitOnStartupFailure([DatabaseRoleError]));
