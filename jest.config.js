/** Every lib's tests in one run; each lib's own jest.config.cts sets its display name. */
module.exports = {
  projects: ['<rootDir>/libs/**/jest.config.cts'],
};
