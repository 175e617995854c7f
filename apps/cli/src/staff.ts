import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { userInfo } from 'node:os';
import { CasesService } from '@app/cases';
import { exitOnStartupFailure } from '@app/config';
import { DatabaseRoleError } from '@app/database';
import { ApiException, fieldMessage } from '@app/http';
import { InviteStaff } from '@app/staff';
import { CliModule } from './cli.module';

const USAGE = `usage:
  npm run staff -- create-admin <firm-slug> <email> <name>   a firm's first admin: prints the invitation link to pass on`;

/**
 * A firm's first admin cannot be invited from the console (nobody can sign in yet): this makes
 * the account and prints its invitation link; everyone after is invited by an admin.
 */
async function main(): Promise<void> {
  const [command, slug, email, ...nameParts] = process.argv.slice(2);
  if (command !== 'create-admin' || !slug || !email || nameParts.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const app = await NestFactory.createApplicationContext(CliModule.register({ staff: true }), { logger: ['error', 'warn'] });
  try {
    const firm = await app.get(CasesService).findFirm(slug);
    if (!firm) {
      process.stderr.write(`no firm with the slug ${slug}\n`);
      process.exitCode = 1;
      return;
    }
    const invited = await app.get(InviteStaff).execute({ firmId: firm.id, email, name: nameParts.join(' '), role: 'admin', by: `cli:${userInfo().username}` });
    process.stdout.write(`admin invited at ${firm.nameEn}; the link works once, until ${invited.expiresAt.toISOString()}:\n${invited.link}\n`);
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const problems = error.fieldErrors.length ? error.fieldErrors.map((e) => `  ${e.field}: ${fieldMessage('en', e.field, e.code)}`).join('\n') : `  ${error.messageKey}`;
    process.stderr.write(`refused:\n${problems}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch(exitOnStartupFailure([DatabaseRoleError]));
