// Bundles the extension, the runner (child process) and the CLI into dist/.
// TensorFlow.js stays external: the runner must share ONE tfjs instance with the user's model file,
// resolved at run time (workspace first, then ours), so it is never bundled.
import * as esbuild from 'esbuild';

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
const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/runner/main.ts'], outfile: 'dist/runner.js' },
  { ...common, entryPoints: ['src/runner/esmHooks.ts'], outfile: 'dist/esmHooks.mjs', format: 'esm' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
