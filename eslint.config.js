import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteParser from 'svelte-eslint-parser';

// The engine (src/lib, except the main-thread clients) must run in Node and in workers alike, so it may
// not reach for the DOM, Svelte, Comlink or the UI.
const engineRestrictions = {
  'no-restricted-imports': ['error', {
    patterns: [
      { group: ['svelte', 'svelte/*'], message: 'src/lib is the pure engine: no Svelte (put UI state in src/lib/clients).' },
      { group: ['comlink'], message: 'src/lib is the pure engine: Comlink belongs in workers/ and src/lib/clients.' },
      { group: ['d3-selection', '**/components/**'], message: 'src/lib is the pure engine: no DOM or UI imports.' },
    ],
  }],
  'no-restricted-globals': ['error',
    { name: 'document', message: 'src/lib is the pure engine: no DOM.' },
    { name: 'window', message: 'src/lib is the pure engine: use globalThis where you must.' },
    { name: 'localStorage', message: 'src/lib is the pure engine: no DOM storage.' },
  ],
};

export default [
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', '.tmp/**', 'bin/**', 'scripts/**/*.mjs', 'scripts/**/*.js'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Data is untrusted: never render it as markup.
      'svelte/no-at-html-tags': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Never render data as HTML; use textContent.' },
        { property: 'outerHTML', message: 'Never render data as HTML; use textContent.' },
        { property: 'insertAdjacentHTML', message: 'Never render data as HTML.' },
        { property: 'html', message: 'd3 .html() renders markup; use .text().' },
      ],
    },
  },
  { files: ['src/lib/**/*.ts'], ignores: ['src/lib/clients/**'], rules: engineRestrictions },
];
