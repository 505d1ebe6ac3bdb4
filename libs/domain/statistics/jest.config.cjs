module.exports = { displayName: 'statistics-domain', preset: '../../../jest.preset.js', rootDir: __dirname };
