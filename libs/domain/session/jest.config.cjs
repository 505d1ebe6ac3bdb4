module.exports = { displayName: 'session-domain', preset: '../../../jest.preset.js', rootDir: __dirname };
