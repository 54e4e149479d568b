module.exports = {
  displayName: 'shared-persistence',
  preset: '../../../jest.preset.js',
};
