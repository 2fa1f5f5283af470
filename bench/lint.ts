// Static analysis time on generated model files of ~300 and ~5,000 lines: the whole lintSource() (parse +
// resolution + rules) against @babel/parser alone on the same text, measured in the same run. Prints the
// medians, the ratio and the goals (≤ 5 ms and ≤ 50 ms median for the whole analysis).
//
// With --baseline DIR (another checkout, e.g. `git worktree add --detach /tmp/base main`; repeatable), this
// checkout's analyzer and each DIR's are timed in child processes taking turns (--rounds each, the order
// rotating), and the table gives their medians over rounds and the ratios to the first DIR. --aa times this
// checkout a second time as if it were another: the ratio of the two is the noise floor (A/A). Two bundles
// in one process do not compare: the second copy of @babel/parser loaded runs 0.55-0.7x as fast as the
// first on identical code (measured A/A). Besides the median call, the mean CPU per call counts the
// garbage collections an analysis causes (what it leaves alive makes every later collection dearer).
//
// The default 41 calls after 5 warm-ups measure an analyzer still warming up (the JIT tiers up over the
// first ~100 calls of the 300-line file, and its compile threads count as CPU); --lines 300 --runs 400
// measures the steady state.
//
//   node --import tsx bench/lint.ts [--runs N] [--lines 300,5000] [--baseline DIR]... [--aa] [--rounds R]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { lintSource as LintSource } from '../src/core/lint';
import type { parseSource as ParseSource } from '../src/core/lint/parse';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '41' }, baseline: { type: 'string', multiple: true }, aa: { type: 'boolean', default: false }, lines: { type: 'string', default: '300,5000' }, rounds: { type: 'string', default: '6' }, root: { type: 'string' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const root = path.resolve(values.root ?? path.join(__dirname, '..'));

// Measure what ships: the analyzer bundled by esbuild as in esbuild.mjs (tsx's transpilation wraps every
// closure in a naming helper and would inflate the figures).
const bundle = esbuild.buildSync({
  stdin: { contents: "export { lintSource } from './src/core/lint'; export { parseSource } from './src/core/lint/parse';", resolveDir: root, loader: 'ts' },
  nodePaths: [path.join(__dirname, '..', 'node_modules')],
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

/** Generated file sizes and the goal for each (median ms of the whole analysis); --lines picks some of them. */
const SIZES = ([
  [300, 5],
  [5000, 50],
] as const).filter(([target]) => values.lines.split(',').map(Number).includes(target));

interface Row { lines: number; diagnostics: number; parse: number; full: number; parseCpu: number; fullCpu: number; fullCpuMean: number }

function measureSizes(): Row[] {
  return SIZES.map(([target]) => {
    const text = generate(target);
    const [parseTimes, fullTimes] = timePair(
      () => parseSource(text, 'bench.ts'),
      () => lintSource(text, 'bench.ts'),
    );
    return {
      lines: text.split('\n').length,
      diagnostics: lintSource(text, 'bench.ts').diagnostics.length,
      parse: median(parseTimes.map((t) => t.wall)),
      full: median(fullTimes.map((t) => t.wall)),
      parseCpu: median(parseTimes.map((t) => t.cpu)),
      fullCpu: median(fullTimes.map((t) => t.cpu)),
      fullCpuMean: fullTimes.reduce((sum, t) => sum + t.cpu, 0) / fullTimes.length,
    };
  });
}

const header = `lint analysis time, medians of ${runs} alternating runs after 5 warm-ups; wall time, and process CPU time (incl. GC threads) in parentheses — on a shared machine compare the ratio\nload average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n\n`;

if (values.json) {
  process.stdout.write(JSON.stringify(measureSizes()));
} else if (values.baseline?.length) {
  const rounds = Number(values.rounds);
  const here = path.join(__dirname, '..');
  const checkouts = [
    { name: 'this checkout', root: here },
    ...(values.aa ? [{ name: 'this checkout again (A/A)', root: here }] : []),
    ...values.baseline.map((dir) => ({ name: dir, root: path.resolve(dir) })),
  ];
  const results: Row[][][] = checkouts.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < checkouts.length; k++) {
      const who = (k + r) % checkouts.length;
      const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--root', checkouts[who].root, '--runs', String(runs), '--lines', values.lines, '--json'], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`bench child for ${checkouts[who].root} failed: ${child.stderr}`);
      results[who].push(JSON.parse(child.stdout) as Row[]);
    }
  }
  const pick = (who: number, i: number, key: 'full' | 'fullCpu' | 'fullCpuMean') => median(results[who].map((round) => round[i][key]));
  const reference = values.aa ? 2 : 1;
  const ratio = (who: number, i: number, key: 'full' | 'fullCpu' | 'fullCpuMean') => (pick(who, i, key) / pick(reference, i, key)).toFixed(3);
  const rows = SIZES.flatMap((_, i) =>
    checkouts.map((c, who) => `| ${results[who][0][i].lines} lines | ${c.name} | ${results[who][0][i].diagnostics} | ${pick(who, i, 'full').toFixed(2)} | ${pick(who, i, 'fullCpu').toFixed(2)} | ${pick(who, i, 'fullCpuMean').toFixed(2)} | ${ratio(who, i, 'full')} | ${ratio(who, i, 'fullCpu')} | ${ratio(who, i, 'fullCpuMean')} |`),
  );
  const aa = values.aa ? `\nA/A (this checkout / itself again): ${SIZES.map((_, i) => `${results[0][0][i].lines} lines cpu ${(pick(0, i, 'fullCpu') / pick(1, i, 'fullCpu')).toFixed(3)}, mean cpu ${(pick(0, i, 'fullCpuMean') / pick(1, i, 'fullCpuMean')).toFixed(3)}`).join('; ')}\n` : '';
  process.stdout.write(`${header}${rounds} rounds of child processes taking turns; medians over rounds; ratios to ${checkouts[reference].name}\n\n| file | checkout | diagnostics | wall ms | cpu ms | mean cpu ms | wall ratio | cpu ratio | mean cpu ratio |\n|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n${aa}`);
} else {
  const rows = measureSizes().map((r, i) => `| ${r.lines} lines (${r.diagnostics} diagnostics) | ${r.parse.toFixed(2)} ms (cpu ${r.parseCpu.toFixed(2)}) | ${r.full.toFixed(2)} ms (cpu ${r.fullCpu.toFixed(2)}) | ${(r.full / r.parse).toFixed(2)} | ${r.full <= SIZES[i][1] ? '✓' : '✗'} ≤ ${SIZES[i][1]} ms |`);
  process.stdout.write(`${header}| file | parse only (@babel/parser) | whole analysis | ratio | goal |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
}
