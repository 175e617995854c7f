// Three layers (see ../shared/docs/architecture.md): unit tests of pure logic next to the
// code, integration tests on the real Postgres and Redis, end-to-end tests through HTTP with
// a real SMTP server. SWC compiles TypeScript (with decorator metadata, which Nest needs).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
};

// file-type and its dependencies ship only as ES modules, which jest's module system cannot load:
// SWC turns those packages (and only those) into CommonJS too. Node itself loads them with require().
const ESM_PACKAGES = ['file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer/[^/]+', 'uint8array-extras', '@borewit/[^/]+'];
// @fastify/static loads content-disposition 3 and @fastify/cookie loads cookie 2 (by import()), both ES
// modules only, from the plugins' own node_modules: the plugins are compiled too, so the paths match.
ESM_PACKAGES.push('@fastify/static', 'content-disposition', '@fastify/cookie', 'cookie');
const esmPackage = `node_modules/(${ESM_PACKAGES.join('|')})/`;
const swcEsm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, [`${esmPackage}.+\\.m?js$`]: swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // Integration and end-to-end tests boot real apps against real services.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/architecture/*.spec.ts', '<rootDir>/test/web/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], slowTestThreshold: 30 },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], slowTestThreshold: 60 },
    // Real Chromium from Debian (/usr/bin/chromium); .ci/run installs it when missing.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], slowTestThreshold: 60 },
  ],
};
