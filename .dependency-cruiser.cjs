// Architecture rules, checked against the real import graph (multi-line imports, require,
// re-exports and type-only imports alike). Run with `npm run lint:deps`; the unit test
// test/architecture/dependency-rules.spec.ts runs the same config and proves every rule fires.

/**
 * Which libs each lib may import: the one place to change when the module graph changes.
 * Keys and values are folder names under libs/. Anything not listed is forbidden.
 */
const LIB_DEPENDENCIES = {
  config: [],
  crypto: [],
  eligibility: [],
  evidence: ['config', 'crypto', 'database', 'http', 'queue'],
  health: ['config'],
  logging: ['config'],
  database: ['config', 'health'],
  http: ['database'],
  queue: ['config', 'database', 'health'],
  audit: ['database', 'queue'],
  cases: ['database', 'eligibility', 'http', 'queue'],
  notifications: ['config', 'database', 'queue'],
  protection: ['config', 'http', 'queue'],
  claimants: ['audit', 'cases', 'config', 'crypto', 'database', 'eligibility', 'evidence', 'http', 'notifications', 'protection', 'queue'],
  staff: ['claimants', 'config', 'crypto', 'database', 'http', 'protection'],
  filing: ['claimants', 'config', 'database', 'http', 'queue'],
};

/** Top-level folders outside libs/ a lib may import; only database loads the migrations. */
const LIB_FOLDER_DEPENDENCIES = {
  database: ['migrations'],
};

/** Pure logic: testable without booting anything, so it may not lean on infrastructure. */
const PURE_PATHS = [
  '^libs/eligibility/src/',
  '^libs/evidence/src/verify-claim\\.ts$',
  '^libs/evidence/src/files/',
  '^libs/crypto/src/',
  '^libs/notifications/src/templates/',
  '^libs/notifications/src/send-failure\\.ts$',
  '^libs/claimants/src/claim-number\\.ts$',
  '^libs/claimants/src/claim-status\\.ts$',
  '^libs/cases/src/case-definition\\.ts$',
  '^libs/claimants/src/claimant-view\\.ts$',
  '^libs/http/src/json-shape\\.ts$',
  '^libs/claimants/src/validation/korean-formats\\.ts$',
  '^libs/claimants/src/validation/email-address\\.ts$',
  '^libs/audit/src/access-chain\\.ts$',
  '^libs/http/src/locale\\.ts$',
  '^libs/http/src/messages\\.ts$',
  '^libs/http/src/staff-messages/',
  '^libs/claimants/src/mandate-text\\.ts$',
  '^libs/claimants/src/drafts/draft-steps\\.ts$',
  '^libs/claimants/src/drafts/form-input\\.ts$',
  '^libs/claimants/src/drafts/draft-link\\.ts$',
  '^libs/protection/src/same-origin\\.ts$',
  '^libs/staff/src/(roles|permissions|password-policy|staff-tokens|recovery-codes|totp|staff-cookie)\\.ts$',
  '^libs/filing/src/plaintiff-list\\.ts$',
  '^libs/claimants/src/review/(queue-filter)\\.ts$',
  '^libs/claimants/src/dashboard/(time-buckets|claim-funnel|bar-chart|weekly-report)\\.ts$',
  '^libs/audit/src/access-log-filter\\.ts$',
];

/** Framework, database, queue, mail, http-server, logging and validation packages (and their typings). */
const INFRASTRUCTURE_PACKAGES = [
  '@nestjs/[^/]+', // includes @nestjs/typeorm
  'typeorm',
  'bullmq',
  'ioredis',
  'pg',
  'nodemailer',
  'fastify',
  '@fastify/[^/]+',
  'pino[^/]*',
  'nestjs-pino',
  'class-validator',
  'class-transformer',
  'dataloader',
  'rxjs',
];
// Any npm package except those (a negative lookahead, so one rule covers packages and project
// files). Not anchored: a symlinked node_modules resolves to its real path, e.g. ../x/node_modules/.
const HARMLESS_PACKAGE = `(^|/)node_modules/(?!(@types/)?(${INFRASTRUCTURE_PACKAGES.join('|')})/)`;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One rule per lib: it may reach only its own folder and the libs (and folders) in the table. */
const libEdgeRules = Object.entries(LIB_DEPENDENCIES).map(([lib, allowed]) => ({
  name: 'lib-edges',
  severity: 'error',
  comment:
    `libs/${lib} may import ${allowed.length ? `only ${allowed.join(', ')}` : 'no other lib'}` +
    ' (LIB_DEPENDENCIES in .dependency-cruiser.cjs): the module graph stays layered and acyclic by design, not by luck.',
  from: { path: `^libs/${escapeRegExp(lib)}/` },
  to: {
    path: '^(libs|migrations)/',
    pathNot: [lib, ...allowed].map((name) => `^libs/${escapeRegExp(name)}/`).concat((LIB_FOLDER_DEPENDENCIES[lib] ?? []).map((folder) => `^${escapeRegExp(folder)}/`)),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make load order (and Nest module init order) fragile and the modules impossible to understand or test one at a time.',
      from: { path: '^(apps|libs)/' },
      // Type-only edges count too: a cycle of types is still two modules that cannot be understood apart.
      to: { circular: true },
    },
    ...libEdgeRules,
    {
      name: 'via-index-only',
      severity: 'error',
      comment:
        "A lib reaches another lib only through what it exports (libs/<lib>/src/index.ts, i.e. '@app/<lib>'); deep paths couple to internals the owner may change.",
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'index-exports-no-tables',
      severity: 'error',
      comment: 'Each module owns its tables: entities and repositories stay private, other modules go through its services.',
      from: { path: '^libs/[^/]+/src/index\\.ts$' },
      to: { path: ['\\.entity\\.ts$', '\\.repository\\.ts$', '/entities/'] },
    },
    {
      name: 'pure-has-no-framework',
      severity: 'error',
      comment:
        'Pure logic is unit-tested without booting anything: it imports only node builtins, other pure files and small npm helpers, never a framework, database, queue, mail, http, logging or validation library.',
      from: { path: PURE_PATHS },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: [...PURE_PATHS, HARMLESS_PACKAGE],
      },
    },
    {
      name: 'libs-not-apps',
      severity: 'error',
      comment: 'Libs are shared by the apps, tests and benchmarks; importing any of them back would invert the layering.',
      from: { path: '^libs/' },
      to: { path: '^(apps|test|bench)/' },
    },
    {
      name: 'apps-independent',
      severity: 'error',
      comment: 'Each app is deployed and started on its own; shared code belongs in a lib.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time (or hides a typo in a path alias).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Resolve the @app/<lib> aliases exactly as the compiler does.
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are still dependencies between modules.
    tsPreCompilationDeps: true,
    // Record imports of npm packages (rule pure-has-no-framework needs them) but do not walk into them.
    doNotFollow: { path: 'node_modules' },
    // Resolve packages the way Node loads them for our CommonJS build (altcha-lib only exports by condition).
    enhancedResolveOptions: { conditionNames: ['require', 'node', 'default'], exportsFields: ['exports'] },
    // Spec files may reach into anything they test.
    exclude: { path: '\\.spec\\.ts$' },
  },
};
