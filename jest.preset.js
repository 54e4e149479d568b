const nxPreset = require('@nx/jest/preset').default;

// Type-checking is the typecheck target's job; tests transpile only, which keeps the suite fast.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testMatch: ['**/?(*.)+(spec|e2e-spec).ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: require('node:path').join(__dirname, 'tsconfig.jest.json'), diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // End-to-end files start gateways and run many calls; on a busy two-core machine with PostgreSQL
  // that can take well over Jest's default 5 s. This bounds a hang; it asserts nothing about speed.
  testTimeout: 60_000,
};
