module.exports = {
  displayName: 'shared-auth',
  preset: '../../../jest.preset.js',
};
