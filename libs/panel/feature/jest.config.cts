module.exports = {
  displayName: 'panel-feature',
  preset: '../../../jest.preset.js',
};
