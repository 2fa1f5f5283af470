// Static analysis time on generated model files of ~300 and ~5,000 lines: the whole lintSource() (parse +
// resolution + rules) against @babel/parser alone on the same text, measured in the same run. Prints the
// medians, the ratio and the goals (≤ 5 ms and ≤ 50 ms median for the whole analysis).
//
//   node --import tsx bench/lint.ts [--runs N]
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { lintSource as LintSource } from '../src/core/lint';
import type { parseSource as ParseSource } from '../src/core/lint/parse';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '41' } } });
const runs = Number(values.runs);

// Measure what ships: the analyzer bundled by esbuild as in esbuild.mjs (tsx's transpilation wraps every
// closure in a naming helper and would inflate the figures).
const bundle = esbuild.buildSync({
  stdin: { contents: "export { lintSource } from './src/core/lint'; export { parseSource } from './src/core/lint/parse';", resolveDir: path.join(__dirname, '..'), loader: 'ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  write: false,
});
const shipped = { exports: {} as { lintSource: typeof LintSource; parseSource: typeof ParseSource } };
new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(shipped, shipped.exports, require);
const { lintSource, parseSource } = shipped.exports;

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'];

/** One model-building function (~30 lines) with a mix of everything the analyzer resolves. */
function block(i: number): string {
  const act = ACTIVATIONS[i % ACTIVATIONS.length];
  return `
// Model ${i}: a ${act} MLP with a config object, a loop, a functional head and a compile call.
const CONFIG_${i} = { units: ${16 + (i % 5) * 16}, activation: '${act}', kernelInitializer: 'heNormal' };
const DEPTH_${i} = ${2 + (i % 4)};

export function model${i}(inputSize: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], ...CONFIG_${i} }));
  for (let layer = 0; layer < DEPTH_${i}; layer++) {
    model.add(tf.layers.dense({ units: CONFIG_${i}.units, activation: '${act}' }));
    model.add(tf.layers.dropout({ rate: ${((i % 9) / 10).toFixed(1)} }));
  }
  model.add(tf.layers.batchNormalization({}));
  model.add(tf.layers.dense({ units: ${1 + (i % 3) * 4}, activation: '${i % 2 ? 'softmax' : 'sigmoid'}' }));
  model.compile({ optimizer: tf.train.adam(${i % 7 === 0 ? '0.5' : '1e-3'}), loss: '${i % 3 ? 'categoricalCrossentropy' : 'binaryCrossentropy'}' });
  return model;
}

export function functional${i}(): tf.LayersModel {
  const input = tf.input({ shape: [${8 + i}] });
  let x = tf.layers.dense({ units: 32, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 16 }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

export function normalize${i}(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v - mean);
}
`;
}

function generate(targetLines: number): string {
  let text = "import * as tf from '@tensorflow/tfjs';\n";
  for (let i = 0; text.split('\n').length < targetLines; i++) text += block(i);
  return text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall and CPU time of one call (CPU time is steadier when other work shares the cores). */
function measure(fn: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Times `a` and `b` alternately, so both see the same load on a shared machine. */
function timePair(a: () => void, b: () => void): [{ wall: number; cpu: number }[], { wall: number; cpu: number }[]] {
  for (let i = 0; i < 5; i++) {
    a(); // warm-up: JIT and the parser's first-use costs
    b();
  }
  const ta: { wall: number; cpu: number }[] = [];
  const tb: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(measure(a));
    tb.push(measure(b));
  }
  return [ta, tb];
}

const rows: string[] = [];
for (const [target, goal] of [
  [300, 5],
  [5000, 50],
] as const) {
  const text = generate(target);
  const lines = text.split('\n').length;
  const diagnostics = lintSource(text, 'bench.ts').diagnostics.length;
  const [parseTimes, fullTimes] = timePair(
    () => parseSource(text, 'bench.ts'),
    () => lintSource(text, 'bench.ts'),
  );
  const parse = median(parseTimes.map((t) => t.wall));
  const full = median(fullTimes.map((t) => t.wall));
  const parseCpu = median(parseTimes.map((t) => t.cpu));
  const fullCpu = median(fullTimes.map((t) => t.cpu));
  rows.push(`| ${lines} lines (${diagnostics} diagnostics) | ${parse.toFixed(2)} ms (cpu ${parseCpu.toFixed(2)}) | ${full.toFixed(2)} ms (cpu ${fullCpu.toFixed(2)}) | ${(full / parse).toFixed(2)} | ${full <= goal ? '✓' : '✗'} ≤ ${goal} ms |`);
}
process.stdout.write(`lint analysis time, medians of ${runs} alternating runs after 5 warm-ups; wall time, and process CPU time (incl. GC threads) in parentheses — on a shared machine compare the ratio\nload average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n\n| file | parse only (@babel/parser) | whole analysis | ratio | goal |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
