module.exports = { displayName: 'certification', preset: '../../jest.preset.js', rootDir: __dirname };
