module.exports = { displayName: 'declaration-domain', preset: '../../../jest.preset.js', rootDir: __dirname };
