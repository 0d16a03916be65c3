// ESLint (flat config): typescript-eslint with type information for the rules that catch real
// defects (floating promises, unsafe any), and the architecture's import boundaries as lint rules so
// editors show them as you type (test/unit/architecture.test.ts checks the same rules on every run).
// Formatting is Prettier's job (.prettierrc.json); eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['fs', 'fs/promises', 'child_process', 'http', 'https', 'net', 'os', 'worker_threads'].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.cache/**',
      '.vscode-test/**',
      'test-results/**',
      'examples/**',
      'bench/output/**',
      'bench/floor-extension/**',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // import() types stay allowed: they name what a lazily loaded bundle exports without loading it.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Matching control characters is deliberate here: files from outside are checked for them.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Tests and benchmarks poke at JSON and webview messages; `any` there is checked by the assertions.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The core is pure: no VS Code, no I/O, nothing from the layers above it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core never imports vscode: the VS Code layer adapts it.' },
            ...IO_MODULES.map((name) => ({ name, message: 'src/core does no I/O: take the data as an argument.' })),
            { name: 'axios', message: 'src/core does no I/O.' },
            { name: '@azure/msal-node', message: 'src/core does no I/O.' },
          ],
          patterns: [
            {
              group: ['**/vscode/**', '**/services/**', '**/cli/**', '**/simulator/**', '**/rehearsal/**', '**/extension'],
              message: 'src/core must not reach outside src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI and the services run without VS Code.
    files: ['src/cli/**/*.ts', 'src/services/**/*.ts', 'src/simulator/**/*.ts', 'src/rehearsal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only the VS Code layer (src/vscode, src/extension.ts) imports vscode.' }],
          patterns: [{ group: ['**/vscode/**'], message: 'Only the VS Code layer depends on the VS Code layer.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
