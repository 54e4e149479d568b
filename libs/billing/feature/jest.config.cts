module.exports = {
  displayName: 'billing-feature',
  preset: '../../../jest.preset.js',
};
