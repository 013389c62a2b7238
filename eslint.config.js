// Lint enforces the house's boundaries (DESIGN.md §9): the engine and the shared contract
// never import Electron; shared/ and renderer/ never import Node built-ins; raw ipcMain /
// ipcRenderer live in exactly one wrapper file each; the app never imports test support.
import tseslint from 'typescript-eslint';

const electronBan = {
  name: 'electron',
  message: 'electron/core and shared/ must run in plain Node: inject what you need from electron/main.',
};
const ipcBan = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed wrappers (electron/main/ipc.ts, electron/preload/ipc.ts), not raw IPC.',
};
const supportBan = {
  group: ['**/test/support/**', '**/test/fixtures/**'],
  message: 'test/support is for tests only: the app must not depend on it.',
};
const zodBan = {
  name: 'zod',
  message: "import zod from shared/zod.ts (import * as z from '…/shared/zod.js'): it configures zod before any schema exists.",
};
const nodeBan = { group: ['node:*'], message: 'shared/ and renderer/ run in the browser too: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', 'release/**', 'coverage/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    // The command's entry and what it runs first are CommonJS: Node starts them faster (bin/aime.cjs).
    files: ['bin/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its rejection, and one passed where a plain
    // callback is expected (an event handler, a condition) is not waited for. The types come
    // from the three tsconfig projects that tsconfig.json lists.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts', 'shared/**/*.ts', 'electron/cli.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [nodeBan] }] },
  },
  {
    // A rule of its own (the typescript-eslint twin of no-restricted-imports), so that it adds
    // to the bans above instead of replacing their options.
    files: ['electron/**/*.{ts,tsx}', 'shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [zodBan], patterns: [supportBan] }] },
  },
  {
    files: ['shared/zod.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [supportBan] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcBan] }] },
  },
);
