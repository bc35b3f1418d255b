// Flat config. The restricted-import rule keeps the core, the Auth0 client and the webview app
// free of `vscode`, so they stay testable in plain Node (design.md, Conventions).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'vscode',
          message: 'src/core, src/auth0 and src/webview/app must not import vscode; pass VS Code services in.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-vsix/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-artifacts/**',
      'bench/results*.json',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      eqeqeq: ['error', 'smart'],
      // Prettier wraps code at 120 columns; this catches what it leaves alone (comments). Long
      // message strings stay whole so they can be found with a search.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  { files: ['src/core/**', 'src/auth0/**', 'src/webview/app/**'], rules: noVscode },
  {
    // The Auth0 client is a separate bundle loaded on first use (src/vscode/lazyAuth0.ts): the
    // extension may import its types, and values only from the light modules named here.
    files: ['src/**'],
    ignores: ['src/auth0/**', 'src/cli/**', 'src/core/**', 'src/webview/app/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)auth0(/(index|http|tokens|managementClient|applyDeploy))?$',
              allowTypeImports: true,
              message:
                'Load the Auth0 client lazily with auth0() from src/vscode/lazyAuth0.ts; import only types from it here.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests use chai-less node:assert and mocha's untyped `this`; relax the any-rules there only.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
