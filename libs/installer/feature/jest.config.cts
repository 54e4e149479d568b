module.exports = {
  displayName: 'installer-feature',
  preset: '../../../jest.preset.js',
};
