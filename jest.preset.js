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
};
