module.exports = { displayName: 'review-service', preset: '../../../jest.preset.js', rootDir: __dirname };
