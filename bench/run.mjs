// Benchmarks (not tests): prints figures and ratios against baselines measured in the same run.
//   node bench/run.mjs [--backends wasm,tensorflow] [--runs 5]
import { execFileSync, spawnSync } from 'node:child_process';
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
function timeCommand(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

const rows = [];
for (const backend of values.backends.split(',')) {
  const cli = timeCommand([path.join(root, 'dist/cli.js'), 'profile', 'examples/mnist-cnn/model.js', '--steps', '0', '--backend', backend, '--json']);
  const bare = timeCommand([path.join(out, 'bare.js'), backend]);
  const step = JSON.parse(execFileSync(process.execPath, [path.join(out, 'step.js'), backend], { cwd: root, encoding: 'utf8' }));
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
  for (const file of ['examples/deep-sigmoid/model.ts', 'examples/mnist-cnn/model.js']) {
    const r = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/warm.ts'), file, '0', String(runs), backend], { cwd: root, encoding: 'utf8' }));
    console.log(`${backend.padEnd(10)}  ${file.padEnd(32)} cold ${r.coldMs.toFixed(0).padStart(5)} ms  warm ${r.warmMs.toFixed(0).padStart(5)} ms  ratio ${r.ratio.toFixed(2)}`);
  }
}
