// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const crossFolderImports = {
  group: ['../../*/src/*', '../../../*'],
  message: 'Import workspace packages by name (@docketwatch/...), never across folders.',
};
const kyselyOutsideDb = {
  group: ['kysely', 'kysely/*'],
  message: 'All SQL lives in packages/db: call (or add) a repository function there instead of importing kysely.',
};

module.exports = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.turbo/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [crossFolderImports, kyselyOutsideDb] }],
    },
  },
  {
    // kysely's one owner; tests may query tables directly to check what was stored.
    files: ['packages/db/src/**', '**/*.test.ts', 'test/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [crossFolderImports] }] },
  },
  {
    // Type-aware rules: promises that nobody awaits lose errors silently, and a switch over a union
    // (a source kind, a channel, a job) must say what happens to every member.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Migrations describe the schema at their own point in time, not today's types.
    files: ['packages/db/src/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
