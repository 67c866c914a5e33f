// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'Only electron/main and electron/preload may import Electron (DESIGN.md §1).',
    },
  ],
  patterns: [
    { group: ['electron/*'], message: 'Only electron/main and electron/preload may import Electron.' },
  ],
};

// `import('electron')`, `require('electron')` and `createRequire(…)('electron')` get past
// no-restricted-imports, which sees only static imports: these catch the calls.
// (esquery regexes cannot hold a `/`: \u002F is one.)
const ELECTRON = String.raw`/^electron($|\u002F)/`;
const MESSAGE = 'Only electron/main and electron/preload may load Electron (DESIGN.md §1).';
const noElectronCalls = [
  // import('electron'), import(`electron`)
  `ImportExpression[source.value=${ELECTRON}]`,
  `ImportExpression > TemplateLiteral.source[expressions.length=0][quasis.0.value.cooked=${ELECTRON}]`,
  // require('electron'), req('electron') with req = createRequire(…), module.require('electron'),
  // createRequire(…)('electron')
  `CallExpression[callee.type=/^(Identifier|MemberExpression|CallExpression)$/][arguments.0.value=${ELECTRON}]`,
  `CallExpression[callee.type=/^(Identifier|MemberExpression|CallExpression)$/] > TemplateLiteral.arguments:first-child[expressions.length=0][quasis.0.value.cooked=${ELECTRON}]`,
].map((selector) => ({ selector, message: MESSAGE }));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // The process boundary of DESIGN.md §1: everything but main and preload runs without Electron.
    files: ['electron/core/**', 'electron/web/**', 'electron/cli/**', 'shared/**', 'renderer/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', noElectron],
      'no-restricted-syntax': ['error', ...noElectronCalls],
    },
  },
  {
    // shared/ is plain data for every process: no Node built-ins either.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            ...noElectron.patterns,
            { group: ['node:*'], message: 'shared/ must run in the renderer too.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
