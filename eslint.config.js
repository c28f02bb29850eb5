// Lint, including the layer rules of ARCHITECTURE.md: renderer → common only, common → nothing outside
// itself, main/server → never electron. A cross-layer import fails `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'main/server/db/generated/**', 'scripts/migrate/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'], message: 'common/ imports nothing outside itself.' },
            { group: ['electron', 'react', 'react-dom', ...nodeBuiltins], message: 'common/ is environment-neutral: no Node, DOM or Electron APIs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '../../main/*'], message: 'The renderer imports only common/ and its own files.' },
            { group: ['electron', ...nodeBuiltins], message: 'The renderer runs sandboxed: no Node or Electron APIs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/server/**', 'main/headless.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'main/server is plain Node: it never imports electron.' },
            { group: ['**/renderer/**', '**/main/app/**', '**/main/preload/**'], message: 'The hub does not import the desk or the Electron shell.' },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures declare their dependencies by destructuring, `{}` meaning none.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
