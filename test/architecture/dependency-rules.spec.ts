import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FRAMEWORKS = /from '(@nestjs\/[^']+|typeorm[^']*|bullmq|ioredis|pg|nodemailer|fastify|nestjs-pino|pino)'/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => /^import .* from '/.test(line));

/**
 * The rules from ../shared/docs/style.md that code review alone would let slip: pure logic
 * imports no framework, ORM, queue or mail library, and only config reads process.env.
 */
describe('dependency rules', () => {
  const pure = [
    ...sources(join(ROOT, 'libs/eligibility/src')),
    ...sources(join(ROOT, 'libs/evidence/src')),
    ...sources(join(ROOT, 'libs/notifications/src/templates')),
    ...['field-cipher.ts', 'blind-index.ts', 'signed-token.ts'].map((f) => join(ROOT, 'libs/crypto/src', f)),
    ...['claim-number.ts', 'claim-status.ts', 'validation/korean-formats.ts'].map((f) => join(ROOT, 'libs/claimants/src', f)),
    join(ROOT, 'libs/http/src/locale.ts'),
    join(ROOT, 'libs/http/src/messages.ts'),
  ];

  it.each(pure.map((f) => [relative(ROOT, f), f]))('%s imports no framework', (_name, file) => {
    expect(importsOf(file).filter((line) => FRAMEWORKS.test(line))).toEqual([]);
  });

  it('lets only libs/config read process.env', () => {
    const readers = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .filter((f) => !f.includes(join('libs', 'config')))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(readers).toEqual([]);
  });

  it('never turns on schema synchronisation or migrations at boot', () => {
    const offenders = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .filter((f) => /synchronize:\s*true|migrationsRun:\s*true/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
