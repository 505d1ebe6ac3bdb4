// `npx jest` at the root runs every project's tests in one pool; `npx nx test <project>` runs one.
module.exports = {
  projects: ['<rootDir>/libs/*/*/jest.config.cjs', '<rootDir>/apps/*/jest.config.cjs', '<rootDir>/tools/*/jest.config.cjs'],
};
