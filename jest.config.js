// The tiers of STYLE.md 9, and the contract and fuzz tiers. SWC compiles TypeScript and the ESM-only @nestjs packages for Jest.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@giliran/(.*)$': '<rootDir>/libs/$1/src/index.ts',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@standard-schema|file-type|strtok3|token-types|@tokenizer|uint8array-extras)/)'],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  projects: [
    // test/ui: the UIs' pure state (reducers and updates), without a browser.
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts', '<rootDir>/test/ui/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/libs/**/*.int-spec.ts'], globalSetup: '<rootDir>/test/support/int-global-setup.ts' },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Knows only API.md: every path, field, status, code and socket event it names.
    { ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.contract-spec.ts'] },
    // Generated hostile requests over every route and socket event (fast-check).
    { ...base, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
