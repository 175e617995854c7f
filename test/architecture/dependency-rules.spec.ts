import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';

/**
 * The rules from ../shared/docs/style.md that code review alone would let slip. Import rules
 * live in .dependency-cruiser.cjs (also `npm run lint:deps`), which reads the real import
 * graph; this file runs it over the repo and proves, on a throw-away tree per rule, that each
 * rule fires. Two rules that are not about imports are checked here on the TypeScript AST.
 */

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
// dependency-cruiser is ESM-only, so jest (CommonJS) runs its CLI instead of importing it.
const CRUISER = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CRUISE_TIMEOUT = 120_000;

const run = promisify(execFile);

interface CruiseViolation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

interface CruiseResult {
  modules: { source: string }[];
  summary: { violations: CruiseViolation[] };
}

interface ForbiddenRule {
  name: string;
  from: { path?: string | string[] };
}

/** Runs the cruiser with the real config over those top-level folders of `cwd`. */
async function cruise(cwd: string, folders: string[]): Promise<CruiseResult> {
  // JSON output exits 0 even with violations; a non-zero exit is a broken config or tree, and rejects.
  const { stdout } = await run(process.execPath, [CRUISER, '--config', CONFIG, '--output-type', 'json', ...folders], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
    timeout: CRUISE_TIMEOUT,
  });
  return JSON.parse(stdout) as CruiseResult;
}

/** `rule: from -> to`, the line a developer needs to find the import; packages by name, not by file. */
function describeViolation({ rule, from, to }: CruiseViolation): string {
  const target = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(to)?.[1] ?? to;
  return `${rule.name}: ${from} -> ${target}`;
}

const violations = (result: CruiseResult) => result.summary.violations.map(describeViolation).sort();

// The fixture trees resolve `@app/<lib>` exactly as the repo does.
const PATHS: unknown = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config?.compilerOptions?.paths;

/**
 * Builds a throw-away tree shaped like the repo (apps/, libs/, migrations/ …) with a tsconfig
 * declaring the same path aliases and the real node_modules linked in, runs the cruiser on it
 * and removes it again.
 */
async function cruiseFixture(files: Record<string, string>): Promise<CruiseResult> {
  const root = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  try {
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node20', moduleResolution: 'node16', strict: true, paths: PATHS } }),
    );
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const folders = ['apps', 'libs'].filter((folder) => Object.keys(files).some((path) => path.startsWith(`${folder}/`)));
    return await cruise(root, folders);
  } finally {
    // Unlink first so nothing can ever recurse into the real node_modules.
    unlinkSync(join(root, 'node_modules'));
    rmSync(root, { recursive: true, force: true });
  }
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function descendants(node: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (child: ts.Node) => {
    found.push(child);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

const parse = (fileName: string, text: string) => ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);

const where = (source: ts.SourceFile, node: ts.Node) =>
  `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;

/** `process` or `<anything>.process` (globalThis.process, global.process). */
const isProcess = (node: ts.Expression) =>
  (ts.isIdentifier(node) && node.text === 'process') || (ts.isPropertyAccessExpression(node) && node.name.text === 'process');

/** Every `process.env` / `process['env']`: property reads, element reads, destructuring and spreads all start here. */
function processEnvReads(source: ts.SourceFile): string[] {
  return descendants(source)
    .filter(
      (node) =>
        (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) ||
        (ts.isElementAccessExpression(node) &&
          ts.isStringLiteralLike(node.argumentExpression) &&
          node.argumentExpression.text === 'env' &&
          isProcess(node.expression)),
    )
    .map((node) => where(source, node));
}

const SCHEMA_AT_BOOT = new Set(['synchronize', 'migrationsRun']);

/** Every `synchronize: true` / `migrationsRun: true` property, however the key is spelt. */
function schemaChangesAtBoot(source: ts.SourceFile): string[] {
  return descendants(source)
    .filter(
      (node) =>
        ts.isPropertyAssignment(node) &&
        node.initializer.kind === ts.SyntaxKind.TrueKeyword &&
        (ts.isIdentifier(node.name) || ts.isStringLiteralLike(node.name)) &&
        SCHEMA_AT_BOOT.has(node.name.text),
    )
    .map((node) => where(source, node));
}

const parseFile = (path: string) => parse(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8'));

describe('dependency rules', () => {
  describe('in the code', () => {
    let result: CruiseResult;
    beforeAll(async () => {
      result = await cruise(ROOT, ['apps', 'libs']);
    }, CRUISE_TIMEOUT);

    it('breaks none of the rules in .dependency-cruiser.cjs', () => {
      expect(violations(result)).toEqual([]);
    });

    // A rule whose paths match nothing (a renamed file, a typo) would pass forever.
    it('names only paths that exist in every rule', () => {
      const { forbidden } = require(CONFIG) as { forbidden: ForbiddenRule[] };
      const empty = forbidden.flatMap(({ name, from }) =>
        [from.path ?? []]
          .flat()
          .filter((pattern) => !result.modules.some(({ source }) => new RegExp(pattern).test(source)))
          .map((pattern) => `${name}: ${pattern}`),
      );
      expect(empty).toEqual([]);
    });

    // A lib missing from the table would be free to import anything.
    it('has every lib in the lib-edges table', () => {
      const { forbidden } = require(CONFIG) as { forbidden: ForbiddenRule[] };
      const edgeRules = forbidden.filter(({ name }) => name === 'lib-edges').flatMap(({ from }) => [from.path ?? []].flat());
      const missing = readdirSync(join(ROOT, 'libs')).filter(
        (lib) => !edgeRules.some((pattern) => new RegExp(pattern).test(`libs/${lib}/src/index.ts`)),
      );
      expect(missing).toEqual([]);
    });

    it('lets only libs/config read process.env', () => {
      const readers = ['apps', 'libs', 'migrations']
        .flatMap((dir) => sources(join(ROOT, dir)))
        .map(parseFile)
        .filter((source) => !source.fileName.startsWith('libs/config/src/'))
        .flatMap(processEnvReads);
      expect(readers).toEqual([]);
    });

    it('never turns on schema synchronisation or migrations at boot', () => {
      const offenders = ['apps', 'libs']
        .flatMap((dir) => sources(join(ROOT, dir)))
        .map(parseFile)
        .flatMap(schemaChangesAtBoot);
      expect(offenders).toEqual([]);
    });
  });

  // Each rule on a deliberately broken tree: the rule fires, and nothing else does.
  describe('each rule catches a deliberate violation', () => {
    it.concurrent(
      'no-circular: any cycle, type-only ones included (entities too: a relation is joined explicitly, not declared on both sides)',
      async () => {
        const result = await cruiseFixture({
          'libs/cases/src/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
          'libs/cases/src/b.ts': "import type { a } from './a';\nexport const b = 1;\nexport type A = typeof a;\n",
          'libs/cases/src/x.entity.ts': "import { Y } from './y.entity';\nexport class X {\n  y?: Y;\n}\n",
          'libs/cases/src/y.entity.ts': "import { X } from './x.entity';\nexport class Y {\n  x?: X;\n}\n",
          // A two-sided relation with a type-only import back is still a cycle.
          'libs/cases/src/p.entity.ts': "import { Q } from './q.entity';\nexport class P {\n  q?: Q;\n}\n",
          'libs/cases/src/q.entity.ts': "import type { P } from './p.entity';\nexport class Q {\n  p?: P;\n}\n",
        });
        // A cycle by its rule and members, whichever member the cruiser happens to start from.
        const cycles = result.summary.violations.map(({ rule, from, cycle = [] }) => {
          const members = new Set([from, ...cycle.map(({ name }) => name)].map((path) => path.replace('libs/cases/src/', '')));
          return `${rule.name}: ${[...members].sort().join(' ')}`;
        });
        expect([...new Set(cycles)].sort()).toEqual(['no-circular: a.ts b.ts', 'no-circular: p.entity.ts q.entity.ts', 'no-circular: x.entity.ts y.entity.ts']);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'lib-edges: a lib imports only the libs in its table row, whatever the import syntax',
      async () => {
        const result = await cruiseFixture({
          'libs/config/src/index.ts': "import { key } from '@app/crypto';\nexport const config = key;\n",
          'libs/crypto/src/index.ts': 'export const key = 1;\nexport type Key = number;\n',
          'libs/health/src/index.ts': "export * from '@app/crypto';\n",
          'libs/logging/src/index.ts': "import {\n  probe,\n} from '@app/health';\nexport const logging = probe;\n",
          'libs/evidence/src/index.ts': "const cases = require('@app/cases');\nexport const evidence = cases;\n",
          'libs/eligibility/src/index.ts': "import type { Key } from '@app/crypto';\nexport type Rule = Key;\n",
          'libs/cases/src/index.ts': "import { migrations } from '../../../migrations';\nexport const cases = migrations;\n",
          // Allowed by the table: database -> config and database -> migrations/.
          'libs/database/src/index.ts':
            "import { config } from '@app/config';\nimport { migrations } from '../../../migrations';\nexport const database = [config, migrations];\n",
          'migrations/index.ts': 'export const migrations = [];\n',
        });
        expect(violations(result)).toEqual([
          'lib-edges: libs/cases/src/index.ts -> migrations/index.ts',
          'lib-edges: libs/config/src/index.ts -> libs/crypto/src/index.ts',
          'lib-edges: libs/eligibility/src/index.ts -> libs/crypto/src/index.ts',
          'lib-edges: libs/evidence/src/index.ts -> libs/cases/src/index.ts',
          'lib-edges: libs/health/src/index.ts -> libs/crypto/src/index.ts',
          'lib-edges: libs/logging/src/index.ts -> libs/health/src/index.ts',
        ]);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'via-index-only: another lib is reached through its index only (spec files excepted)',
      async () => {
        const result = await cruiseFixture({
          'libs/cases/src/index.ts': "import { pool } from '../../database/src/pool';\nimport { database } from '@app/database';\nexport const cases = [pool, database];\n",
          'libs/cases/src/cases.spec.ts': "import { pool } from '../../database/src/pool';\nexport const spec = pool;\n",
          'libs/database/src/index.ts': "export { pool } from './pool';\nexport const database = 1;\n",
          'libs/database/src/pool.ts': 'export const pool = 1;\n',
        });
        expect(violations(result)).toEqual(['via-index-only: libs/cases/src/index.ts -> libs/database/src/pool.ts']);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'index-exports-no-tables: an index exports no entity or repository',
      async () => {
        const result = await cruiseFixture({
          'libs/cases/src/index.ts': [
            "export { CaseEntity } from './case.entity';",
            "export * from './cases.repository';",
            "export type { FirmEntity } from './entities/firm';",
            "export { CasesService } from './cases.service';",
          ].join('\n'),
          'libs/cases/src/case.entity.ts': 'export class CaseEntity {}\n',
          'libs/cases/src/cases.repository.ts': 'export class CasesRepository {}\n',
          'libs/cases/src/entities/firm.ts': 'export class FirmEntity {}\n',
          // Using an entity inside the module is the point of owning it.
          'libs/cases/src/cases.service.ts': "import { CaseEntity } from './case.entity';\nexport class CasesService {\n  entity = CaseEntity;\n}\n",
        });
        expect(violations(result)).toEqual([
          'index-exports-no-tables: libs/cases/src/index.ts -> libs/cases/src/case.entity.ts',
          'index-exports-no-tables: libs/cases/src/index.ts -> libs/cases/src/cases.repository.ts',
          'index-exports-no-tables: libs/cases/src/index.ts -> libs/cases/src/entities/firm.ts',
        ]);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'pure-has-no-framework: pure files import builtins, pure files and harmless packages only',
      async () => {
        const result = await cruiseFixture({
          'libs/eligibility/src/index.ts': [
            "import { Injectable } from '@nestjs/common';",
            "import { createHash } from 'node:crypto';",
            "import { Eta } from 'eta';",
            "import { rule } from './rule';",
            'export const eligibility = [Injectable, createHash, Eta, rule];',
          ].join('\n'),
          'libs/eligibility/src/rule.ts': 'export const rule = 1;\n',
          'libs/claimants/src/claim-number.ts': [
            "import type { Repository } from 'typeorm';",
            "import { ClaimsRepository } from './claims.repository';",
            "import { claimStatus } from './claim-status';",
            'export type Claims = Repository<object>;',
            'export const claimNumber = [ClaimsRepository, claimStatus];',
          ].join('\n'),
          'libs/claimants/src/claim-status.ts': 'export const claimStatus = 1;\n',
          'libs/claimants/src/claims.repository.ts': "import { DataSource } from 'typeorm';\nexport class ClaimsRepository {\n  source?: DataSource;\n}\n",
          'libs/notifications/src/templates/welcome.ts': "import pinoHttp from 'pino-http';\nexport const welcome = pinoHttp;\n",
        });
        expect(violations(result)).toEqual([
          'pure-has-no-framework: libs/claimants/src/claim-number.ts -> libs/claimants/src/claims.repository.ts',
          'pure-has-no-framework: libs/claimants/src/claim-number.ts -> typeorm',
          'pure-has-no-framework: libs/eligibility/src/index.ts -> @nestjs/common',
          'pure-has-no-framework: libs/notifications/src/templates/welcome.ts -> pino-http',
        ]);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'libs-not-apps: a lib imports no app, test or bench code',
      async () => {
        const result = await cruiseFixture({
          'libs/cases/src/index.ts': [
            "import { main } from '../../../apps/api/src/main';",
            "import { db } from '../../../test/support/db';",
            "import { bench } from '../../../bench/intake';",
            'export const cases = [main, db, bench];',
          ].join('\n'),
          'apps/api/src/main.ts': 'export const main = 1;\n',
          'test/support/db.ts': 'export const db = 1;\n',
          'bench/intake.ts': 'export const bench = 1;\n',
        });
        expect(violations(result)).toEqual([
          'libs-not-apps: libs/cases/src/index.ts -> apps/api/src/main.ts',
          'libs-not-apps: libs/cases/src/index.ts -> bench/intake.ts',
          'libs-not-apps: libs/cases/src/index.ts -> test/support/db.ts',
        ]);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'apps-independent: an app imports no other app',
      async () => {
        const result = await cruiseFixture({
          'apps/api/src/main.ts': "import { module } from './app.module';\nimport { queue } from '../../worker/src/queue';\nexport const main = [module, queue];\n",
          'apps/api/src/app.module.ts': 'export const module = 1;\n',
          'apps/worker/src/queue.ts': 'export const queue = 1;\n',
        });
        expect(violations(result)).toEqual(['apps-independent: apps/api/src/main.ts -> apps/worker/src/queue.ts']);
      },
      CRUISE_TIMEOUT,
    );

    it.concurrent(
      'no-unresolvable: every import resolves',
      async () => {
        const result = await cruiseFixture({
          'libs/cases/src/index.ts': "import { gone } from './missing';\nimport { nowhere } from '@app/nowhere';\nexport const cases = [gone, nowhere];\n",
        });
        expect(violations(result)).toEqual(['no-unresolvable: libs/cases/src/index.ts -> ./missing', 'no-unresolvable: libs/cases/src/index.ts -> @app/nowhere']);
      },
      CRUISE_TIMEOUT,
    );
  });

  describe('the AST checks catch a deliberate violation', () => {
    it('finds every process.env read, and none in comments or strings', () => {
      const source = parse(
        'libs/cases/src/env.ts',
        [
          'const a = process.env.DATABASE_URL;',
          "const b = process.env['REDIS_URL'];",
          'const { SMTP_HOST } = process.env;',
          'const c = globalThis.process.env.PORT;',
          "const d = process['env'].HOST;",
          '// process.env.IN_A_COMMENT',
          "const e = 'process.env.IN_A_STRING';",
          'const f = { ...process.env };',
        ].join('\n'),
      );
      expect(processEnvReads(source)).toEqual([
        'libs/cases/src/env.ts:1',
        'libs/cases/src/env.ts:2',
        'libs/cases/src/env.ts:3',
        'libs/cases/src/env.ts:4',
        'libs/cases/src/env.ts:5',
        'libs/cases/src/env.ts:8',
      ]);
    });

    it('finds synchronize: true and migrationsRun: true, and not false or in comments', () => {
      const source = parse(
        'libs/database/src/options.ts',
        [
          'export const options = {',
          '  synchronize: true,',
          "  'migrationsRun': true,",
          '  // synchronize: true',
          '  synchronize2: true,',
          '};',
          'export const safe = { synchronize: false, migrationsRun: false };',
        ].join('\n'),
      );
      expect(schemaChangesAtBoot(source)).toEqual(['libs/database/src/options.ts:2', 'libs/database/src/options.ts:3']);
    });
  });
});
