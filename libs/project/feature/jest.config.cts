module.exports = {
  displayName: 'project-feature',
  preset: '../../../jest.preset.js',
};
