module.exports = { displayName: 'eligibility', preset: '../../../jest.preset.js', rootDir: __dirname };
