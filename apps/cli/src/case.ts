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
  const badArgs = command === 'save' ? args.length < 1 : command === 'activate' ? args.length < 2 || !/^[1-9]\d{0,8}$/.test(args[1]) : true;
  if (badArgs) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const actor = `cli:${userInfo().username}`;
  const app = await NestFactory.createApplicationContext(CliModule.register(), { logger: ['error', 'warn'] });
  try {
    const versions = app.get(CaseVersions);
    if (command === 'save') {
      const definition = readDefinition(args[0]);
      if (!definition) return;
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
    // An operator's tool, in English like the rest of its output.
    process.stderr.write(`refused; the active version is unchanged:\n${error.problems.map((p) => `  ${p.part} / ${p.item}: ${p.message.en}`).join('\n')}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

/** The file's JSON, or null (said on stderr, exit code 1) when it cannot be read or parsed. */
function readDefinition(path: string): { slug?: unknown } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { slug?: unknown };
  } catch (error) {
    process.stderr.write(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return null;
  }
}

main().catch(exitOnStartupFailure([DatabaseRoleError]));
