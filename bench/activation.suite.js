// Loaded by the VS Code extension host as extensionTestsPath (see bench/activation.ts): times the first
// activation of Gradient Lens in this (fresh) extension host: loading dist/extension.js + activate().
// Plain CommonJS so that it needs no build step.
const vscode = require('vscode');
const { performance } = require('perf_hooks');

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('gradient-lens.gradient-lens');
  if (!ext) throw new Error('gradient-lens.gradient-lens is not installed in this extension host');
  if (ext.isActive) throw new Error('already active before the measurement (an activation event fired)');
  // Let the host finish starting the built-in extensions first: they share its event loop, and what is
  // measured is our activation, not theirs.
  await new Promise((r) => setTimeout(r, Number(process.env.GRADIENT_LENS_BENCH_SETTLE_MS ?? 2000)));
  const t = performance.now();
  // --split (GRADIENT_LENS_BENCH_SPLIT): load the bundle first, so that activate() then only runs the
  // extension's activate() (the host's require finds the module in the cache).
  let loadMs;
  if (process.env.GRADIENT_LENS_BENCH_SPLIT) {
    require(require('path').join(ext.extensionPath, ext.packageJSON.main));
    loadMs = performance.now() - t;
  }
  const api = await ext.activate();
  const ms = performance.now() - t;
  const apiOk = !!api && typeof api.profile === 'function';
  console.log(`ACTIVATION ${JSON.stringify({ ms, loadMs, apiOk, extensionPath: ext.extensionPath })}`);
};
