// Flat config. The restricted-import rule keeps the core, the Auth0 client and the webview app
// free of `vscode`, so they stay testable in plain Node (design.md, Conventions).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import layers from './scripts/eslint-layers.mjs';

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

// Which folders of src/ may import which (scripts/eslint-layers.mjs; design.md, Architecture).
// Paths from the repository root, without extension; a folder covers everything below it.
const layerZones = [
  {
    from: ['src/core'],
    forbid: ['src'],
    allow: ['src/core'],
    message: 'src/core is the bottom layer and imports nothing of ours outside src/core; move what it needs into it.',
  },
  {
    from: ['src/auth0'],
    forbid: ['src'],
    allow: ['src/auth0', 'src/core'],
    message: 'the Auth0 client stands on src/core only, never on the VS Code side.',
  },
  {
    from: ['src/cli'],
    forbid: ['src'],
    allow: ['src/cli', 'src/core', 'src/auth0'],
    message: 'the command line stands on src/core and src/auth0 only, never on the VS Code side.',
  },
  {
    from: ['src/webview'],
    forbid: ['src'],
    allow: ['src/webview', 'src/core'],
    message: 'the webview and its protocol stand on src/core only.',
  },
  {
    // Views: the trees (with their node commands), the status bar and CodeLens.
    from: ['src/tree', 'src/connectionFile/fileStatus'],
    forbid: [
      'src/commands',
      'src/deploy',
      'src/login',
      'src/providerCheck',
      'src/connectionFile/newConnectionFile',
      'src/connectionFile/moveToOidc',
      'src/connectionFile/storeSecretAndEdit',
      'src/tenants/addTenant',
      'src/tenants/removeTenant',
    ],
    message: 'a view never imports a command; share state through a service (src/services.ts).',
  },
];

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
    files: ['src/**'],
    plugins: { layers },
    rules: { 'layers/imports': ['error', { root: import.meta.dirname, zones: layerZones }] },
  },
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
