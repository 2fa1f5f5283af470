// Bundles the integration suite (test/integration/suite/*.ts) into out/test/integration/suite/*.js:
// CommonJS for the VS Code extension host. `vscode` is provided by the host; mocha stays external and
// resolves from the repository's node_modules (the bundles live inside the repository).
// Every *.ts file in the suite folder is an entry point, so tests added there are picked up.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(root, 'test/integration/suite');
const outdir = path.join(root, 'out/test/integration/suite');

const entryPoints = fs
  .readdirSync(suiteDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => path.join(suiteDir, f));

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'info',
  external: ['vscode', 'mocha', 'playwright-core', '@tensorflow/*', 'esbuild'],
});
