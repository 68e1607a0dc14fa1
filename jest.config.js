// ESM jest: run through `node --experimental-vm-modules` (see package.json).
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  // Our sources import `./x.js` for `./x.ts`. A `.json.js` import is a real file (libphonenumber-js
  // imports its metadata that way): stripping its `.js` would import the JSON itself, which jest
  // warns about in every file that loads it.
  moduleNameMapper: {
    '^#sigillo/([a-z0-9-]+)/core$': '<rootDir>/libs/$1/src/core.ts',
    '^#sigillo/([a-z0-9-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*(?<!\\.json))\\.js$': '$1',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/jest-esm-preload.ts'],
};

export default {
  // e2e tests wait for real chains and workers; the per-project testTimeout is ignored by jest.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/bench/**/*.spec.ts',
        '<rootDir>/test/support/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
      ],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
