module.exports = { displayName: 'documents', preset: '../../../jest.preset.js', rootDir: __dirname };
