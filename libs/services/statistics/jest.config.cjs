module.exports = { displayName: 'statistics-service', preset: '../../../jest.preset.js', rootDir: __dirname };
