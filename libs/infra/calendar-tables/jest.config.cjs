module.exports = { displayName: 'calendar-tables', preset: '../../../jest.preset.js', rootDir: __dirname };
