// Three projects: `unit` (specs beside the code, no services), `e2e` (apps/*/test, real Redis,
// database, sandbox and WebSocket) and `compose` (test/compose, against the Docker Compose stack
// that test/compose/run.sh starts; skipped without it). `npm test` runs all three; see
// scripts/test.sh.
const moduleNameMapper = {
  '^@app/(contracts|config|queue|pubsub|persistence|harness|redis)(|/.*)$': '<rootDir>/libs/$1/src$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
module.exports = {
  projects: [
    { displayName: 'unit', rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper,
      testMatch: ['<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/libs/*/src/**/*.spec.ts'] },
    { displayName: 'e2e', rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper,
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'], slowTestThreshold: 30,
      setupFiles: ['<rootDir>/test/support/e2e-env.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global.ts', globalTeardown: '<rootDir>/test/support/e2e-teardown.ts' },
    { displayName: 'compose', rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper,
      testMatch: ['<rootDir>/test/compose/**/*.compose-spec.ts'], slowTestThreshold: 60 },
  ],
};
