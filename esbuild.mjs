// Bundles the extension, the runner (child process) and the CLI into dist/.
// TensorFlow.js stays external: the runner must share ONE tfjs instance with the user's model file,
// resolved at run time (workspace first, then ours), so it is never bundled.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'info',
  external: ['vscode', '@tensorflow/*', 'esbuild'],
};
/** Exported for test/unit/launchConfig.test.ts: F5's outFiles and source maps must cover what is built here. */
export const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  // The static analyzer and the Apply-learning-rate edit (both on @babel/parser), loaded on first use.
  { ...common, entryPoints: ['src/core/sourceTools.ts'], outfile: 'dist/sourceTools.js' },
  { ...common, entryPoints: ['src/runner/main.ts'], outfile: 'dist/runner.js' },
  { ...common, entryPoints: ['src/runner/esmHooks.ts'], outfile: 'dist/esmHooks.mjs', format: 'esm' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // VS Code for the Web: the inline warnings only (src/extension/web.ts), for a browser worker.
  { entryPoints: ['src/extension/web.ts'], outfile: 'dist/web/extension.js', bundle: true, platform: 'browser', format: 'cjs', target: 'es2022', sourcemap: true, logLevel: 'info', external: ['vscode'] },
  // The panel's browser bundle; its CSS imports (uPlot's, media/panel.css) become dist/webview/panel.css.
  { entryPoints: ['webview/src/main.ts'], outfile: 'dist/webview/panel.js', bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', minify: true, sourcemap: true, logLevel: 'info' },
];
const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly && watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else if (runDirectly) {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
