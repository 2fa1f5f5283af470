// Lint: typescript-eslint's recommended rules, and the architecture as rules rather than prose (README,
// CONTRIBUTING.md): which layer may import which, and no import cycles (eslint-plugin-import-x).
//   core      pure TypeScript: imports nothing of ours outside core, never vscode
//   webview   the panel's browser code: imports core only (and browser libraries)
//   runner    the child process: core only, never vscode
//   host      starts runners: core only, never vscode
//   cli       core and host, never vscode
//   extension the VS Code adapters: core and host (runner and cli run as separate processes)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';

const layer = (name) => `./src/${name}`;
/** import-x/no-restricted-paths zones: `target` may not import from `from`. */
const zones = [
  { target: layer('core'), from: [layer('extension'), layer('runner'), layer('host'), layer('cli'), './src/cli.ts', './webview'], message: 'core is pure: it imports only core.' },
  { target: './webview', from: [layer('extension'), layer('runner'), layer('host'), layer('cli'), './src/cli.ts'], message: 'the webview imports only core.' },
  { target: layer('runner'), from: [layer('extension'), layer('host'), layer('cli'), './src/cli.ts', './webview'], message: 'the runner imports only core.' },
  { target: layer('host'), from: [layer('extension'), layer('runner'), layer('cli'), './src/cli.ts', './webview'], message: 'the host client imports only core (it starts the runner as a process).' },
  { target: [layer('cli'), './src/cli.ts'], from: [layer('extension'), layer('runner'), './webview'], message: 'the CLI imports core and host.' },
  { target: layer('extension'), from: [layer('runner'), layer('cli'), './src/cli.ts', './webview'], message: 'the extension imports core and host (the runner is a process, the webview a bundle).' },
];
const noVscode = { paths: [{ name: 'vscode', message: 'Only src/extension and the integration suite run inside VS Code.' }] };

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-output/**', 'test/fixtures/**', 'examples/**', 'bench/**/*.js', '**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json', '.d.ts'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Tests and benches load fixtures, oracles and the native lane's tfjs-node by a path known at run time,
  // synchronously, in CommonJS: require() is the tool for that there. In src/ each require() says why.
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The walkthrough's example is a user's CommonJS model file, written the way tfjs users write them.
  { files: ['media/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['src/**/*.ts', 'webview/**/*.ts'], ignores: ['src/extension/**'], rules: { 'no-restricted-imports': ['error', noVscode] } },
  { files: ['webview/**/*.ts'], languageOptions: { globals: { ...globals.browser } }, rules: { 'import-x/no-nodejs-modules': 'error' } },
);
