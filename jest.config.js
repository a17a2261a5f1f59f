// One Jest config, three projects. Tests import workspace packages from source (no build needed).
const packageSources = {
  core: 'packages/core/src',
  config: 'packages/config/src',
  log: 'packages/log/src',
  http: 'packages/http/src',
  sources: 'packages/sources/src',
  db: 'packages/db/src',
  queue: 'packages/queue/src',
  notify: 'packages/notify/src',
  catalogue: 'packages/catalogue/src',
  ingest: 'packages/ingest/src',
  poller: 'workers/poller/src',
  notifier: 'workers/notifier/src',
  api: 'services/api/src',
  'inbound-mail': 'services/inbound-mail/src',
  cli: 'services/cli/src',
};

const moduleNameMapper = {
  ...Object.fromEntries(Object.entries(packageSources).map(([name, dir]) => [`^@docketwatch/${name}$`, `<rootDir>/${dir}`])),
  // NodeNext wants explicit `.js` on dynamic imports; Jest finds the `.ts` source.
  '^(\\.{1,2}/.*)\\.js$': '$1',
  // Test-only harness: real Postgres databases, Redis prefixes, SMTP and HTTP stand-ins.
  '^@docketwatch/test-support$': '<rootDir>/test/support',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    // Dependencies published as ES modules only: Node 20 requires them natively, Jest's CommonJS
    // runtime does not, so they are compiled to CommonJS for the tests.
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,workers,services}/*/src/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
      globalSetup: undefined,
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,workers,services}/*/src/**/*.int.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
