// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import sitedesk from './tools/eslint/import-layers.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.test-build/**',
      'node_modules/**',
      'test-output/**',
      'test/fixtures/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { sitedesk },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'sitedesk/import-layers': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
