module.exports = {
  displayName: 'shared-formats',
  preset: '../../../jest.preset.js',
};
