/** Every lib's tests in one run; each lib's own jest.config.cts sets its display name. */
module.exports = {
  projects: ['<rootDir>/libs/**/jest.config.cts'],
  // The same bound as jest.preset.js, for Jest versions that read it from the global configuration.
  testTimeout: 60_000,
};
