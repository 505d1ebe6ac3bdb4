module.exports = { displayName: 'certificate-domain', preset: '../../../jest.preset.js', rootDir: __dirname };
