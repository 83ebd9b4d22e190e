// Lint: typescript-eslint's recommended rules (syntax only, so `npm run lint` stays fast on two cores) and no import
// cycles, which the one-way layering (core <- cfn <- checks/billing <- report/stages <- cli) depends on.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdk.out/',
      '**/cdk.out/',
      '.bench/',
      'coverage/',
      'lib/**/*.js',
      '!lib/**/runtime/**/*.js',
      '**/*.d.ts',
      'test/**/*.js',
      'examples/**/*.js',
      '!examples/**/handlers/**/*.js',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      // Template and report JSON is untyped by nature; `any` is how the code reads it.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // jsii has no type aliases: an options interface that only extends another is how a public name is given.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // The only require() calls allowed in lib/ are the deliberate lazy loads: a `bulkhead` command loads only what
      // it runs (the SDK for verify-account and breaker, cdk-nag and the packs for check), the version is read from package.json,
      // and @babel/parser's typings import @babel/types, which is not installed; the stages' plugin loads the report
      // lazily (lib/report imports lib/stages).
      '@typescript-eslint/no-require-imports': [
        'error',
        {
          allow: [
            '^\\.\\./report/(bulkhead-report|auto-report)$',
            '^@aws-sdk/client-sts$',
            '^@aws-sdk/credential-provider-ini$',
            '^@aws-sdk/client-lambda$',
            '^cdk-nag$',
            '^@babel/parser$',
            '/package\\.json$',
            '^\\.\\./\\.\\./checks$',
            '^\\./[a-z-]+-command$',
          ],
        },
      ],
    },
  },
  {
    // aws-cdk-lib's private API is read in one module only, whose test names the CDK version when it changes.
    files: ['lib/**/*.ts'],
    ignores: ['lib/core/cdk-private.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Identifier[name=/^(_toCloudFormation|_validationPlugins|_addValidationPlugins|isBundled)$/]',
          message: 'private aws-cdk-lib API: go through lib/core/cdk-private.ts',
        },
      ],
    },
  },
  {
    // Tests load modules after jest.mock and environment set-up, or afresh per case.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
