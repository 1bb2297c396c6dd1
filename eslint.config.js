// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/**
 * The layering of DESIGN.md §2 and docs/architecture.md: one row per top-level folder, with
 * the folders it may import. `types` are folders it may import with `import type` only. A
 * folder may always import its own files and npm packages; any other import between these
 * folders fails `npm run lint` (rule `boundaries/dependencies`). `testsMayImport` widens the
 * row for that folder's `*.test.ts` files only.
 */
const LAYERS = {
  // Pure code shared by all: types, statuses, calendars, SLA arithmetic, the routing optimizer.
  domain: { mayImport: [] },
  // Deterministic orchestration; activities are proxied by their types only.
  workflows: { mayImport: ['domain'], types: ['activities'] },
  // The rules engine layer: facts, operators, the action catalogue, validation, backtests.
  rules: { mayImport: ['domain'] },
  // knex connection, objection models, the tenant-scoped transaction helper (db/migrate.ts runs migrations/).
  db: { mayImport: ['domain', 'migrations'] },
  // The guarded way out of the process (SSRF-safe HTTP and SMTP targets), for whoever calls out;
  // `db` for a mailbox's row and its sealed relay password, which the SMTP transport opens;
  // also the report files (CSV, XLSX, PDF) that leave as downloads or mail.
  outbound: { mayImport: ['domain', 'db'] },
  // Typed entity clients over Temporal: the only code that knows workflow ids, Update names, start options.
  clients: { mayImport: ['domain', 'workflows'] },
  // Intake: one transport-independent intake, thin adapters per channel (SMTP, IMAP, portal, chat, ...).
  channels: { mayImport: ['clients', 'db', 'domain', 'outbound'] },
  // Side effects; `clients` to drive another entity, `channels` because the IMAP poll feeds the email intake.
  activities: { mayImport: ['db', 'domain', 'rules', 'clients', 'channels', 'outbound'] },
  // The Koa app: routes, auth, tenancy, validation, OpenAPI, WebSocket gateway, help centre.
  api: { mayImport: ['db', 'domain', 'rules', 'clients', 'channels', 'outbound'] },
  // Worker entry points per task queue: they wire everything server-side.
  workers: { mayImport: ['activities', 'workflows', 'db', 'domain', 'rules', 'clients', 'channels', 'outbound'] },
  // Knex migrations with their RLS policies; a data migration may reuse a db/ helper.
  migrations: { mayImport: ['db', 'domain'] },
  // The launcher and small CLIs: they start everything server-side.
  bin: { mayImport: ['api', 'workers', 'activities', 'workflows', 'db', 'domain', 'rules', 'clients', 'channels', 'outbound', 'migrations'] },
  // Suites that span folders: anything server-side.
  test: { mayImport: ['bin', 'api', 'workers', 'activities', 'workflows', 'db', 'domain', 'rules', 'clients', 'channels', 'outbound', 'migrations'] },
  // Benchmarks reuse the launcher and the test stack.
  bench: { mayImport: ['test', 'bin', 'api', 'workers', 'activities', 'workflows', 'db', 'domain', 'rules', 'clients', 'channels', 'outbound'] },
  // The Vue console: its own code, the pure domain/, the rule catalogue's types; its unit
  // tests may load the server's catalogue itself as a fixture.
  web: { mayImport: ['domain'], types: ['rules'], testsMayImport: ['rules'] },
};



const layering = {
  files: ['**/*.ts', '**/*.vue'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': Object.keys(LAYERS).map((type) => ({ type, pattern: type, partialMatch: false })),
    'boundaries/files': [{ category: 'unit-test', pattern: '**/*.test.ts' }],
    'import/resolver': { typescript: { project: ['tsconfig.json', 'web/tsconfig.json'], noWarnOnMultipleProjects: true } },
  },
  rules: {
    'boundaries/dependencies': ['error', {
      default: 'disallow',
      policies: Object.entries(LAYERS).flatMap(([from, { mayImport, types = [], testsMayImport = [] }]) => [
        {
          from: { element: { type: from } },
          allow: [
            ...mayImport.map((to) => ({ to: { element: { type: to } } })),
            ...types.map((to) => ({ to: { element: { type: to } }, dependency: { kind: 'type' } })),
          ],
        },
        ...(testsMayImport.length > 0
          ? [{ from: { element: { type: from }, file: { categories: 'unit-test' } }, allow: testsMayImport.map((to) => ({ to: { element: { type: to } } })) }]
          : []),
      ]),
    }],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.tools/', 'web/dist/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    // (That activities are imported for their types only is a row of LAYERS.)
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process'], message: 'Workflow code must stay deterministic: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    // A model's columns come from the generated row type of its table, merged into the class
    // (`export interface Ticket extends TicketsRow {}` beside `class Ticket`): objection fills
    // them from the row, which is what the rule's "uninitialised members" warning is about.
    files: ['db/models/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // Tests read HTTP JSON bodies loosely and let their assertions do the checking.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  layering,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['web/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: {
      // Prettier-style formatting is not enforced by lint; these layout rules fight readable templates.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      // vue-tsc checks names; core no-undef does not know browser or TS globals here.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The console's data path: a page or component reaches the API through a store or composable.
    files: ['web/src/pages/**/*.{ts,vue}', 'web/src/components/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/api/client'], message: 'Pages and components reach data through a store (web/src/stores) or composable (web/src/composables); ApiError is in api/problem.' }],
      }],
    },
  },
  {
    files: ['web/**/*.ts', 'eslint.config.js'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // A worker thread's entry loaded by Node without a TypeScript loader (workers/lean-workflow-thread.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
