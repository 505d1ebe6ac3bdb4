module.exports = { displayName: 'declaration-service', preset: '../../../jest.preset.js', rootDir: __dirname };
