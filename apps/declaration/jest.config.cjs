module.exports = { displayName: 'declaration', preset: '../../jest.preset.js', rootDir: __dirname };
