module.exports = { displayName: 'certification-service', preset: '../../../jest.preset.js', rootDir: __dirname };
