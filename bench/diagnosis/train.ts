// Trains benchmark cases for real (their own fit / fitDataset call or trainOnBatch loop, epochs and all) and prints the loss at the first
// and last epoch, the last accuracy and how far training moved the weights: the evidence behind the labels of the cases we constructed
// ourselves ("canon-*": healthy ones must train, buggy ones must not), and a sanity check of any port.
//
//   node --import tsx bench/diagnosis/train.ts [--filter REGEX] [--epochs N] [--backend cpu|wasm] [--rate-factor F] [--outputs] [--curve]
//
// --curve adds the loss at epochs 1, 3, 10, 30, 100, … and the last: when a plateau ends (docs/rules/loss-not-decreasing.md).
//
// --rate-factor F trains with F × the program's own learning rate (its optimizer's, changed before fit): what a larger
// rate reaches within the same plan, beside what the program's own rate reaches (docs/rules/learning-rate-low.md).
//
// --outputs adds, for a fit() on tensors whose outputs lie in [0, 1], the outputs before and after the plan (inference mode,
// on fit's own rows): the share below 0.01 or above 0.99 and the share of rows with one on the wrong side of its label —
// whether a saturated output at initialization resolves within the plan (docs/rules/saturated-output.md); and for a first
// layer with a ReLU, the share of its units dead (0 for every row) and always on (> 0 for every row) before and after —
// whether the one-signed units unscaled-input reports persist through the plan (docs/rules/unscaled-input.md).
//
// Each case runs in its own child process (this file re-invoked with --case), so one case's tfjs state
// cannot leak into the next. --epochs caps the case's own epoch count to keep the run short.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { registerWasmConvBackpropFilter, registerWasmConvBackpropInput, registerWasmUnsortedSegmentSum } from '../../src/runner/wasmKernels';
import type { Tf } from '../../src/runner/tfjsResolve';
import { listCases } from './labels';

const { values } = parseArgs({
  options: {
    filter: { type: 'string' }, epochs: { type: 'string' }, 'rate-factor': { type: 'string' }, outputs: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'wasm' }, case: { type: 'string' }, curve: { type: 'boolean', default: false },
  },
});

interface History { history: Record<string, number[]> }
type FitArgs = { epochs?: number; verbose?: number; callbacks?: unknown };
type Fit = (this: unknown, x: unknown, y: unknown, args?: FitArgs) => Promise<History>;

/**
 * Prechelt's generalisation loss ("Early Stopping — but when?", 1998): GL(t) = 100 · (E_va(t) / min_{t' ≤ t} E_va(t') − 1),
 * per epoch; printed as its value at the end, its maximum, and the first epoch where GL > 5 (his GL_5) while the
 * training loss was still below its value at the validation minimum (overfitting, not a diverging run).
 */
function generalisationLoss(loss: number[], valLoss: number[]): string {
  let best = Infinity;
  let bestEpoch = 0;
  let max = 0;
  let first: number | undefined;
  let last = 0;
  valLoss.forEach((v, t) => {
    if (v < best) [best, bestEpoch] = [v, t];
    last = 100 * (v / best - 1);
    max = Math.max(max, last);
    if (first === undefined && last > 5 && loss[t] < loss[bestEpoch]) first = t;
  });
  return `; GL end ${last.toFixed(1)}, max ${max.toFixed(1)}${first !== undefined ? `, > 5 from epoch ${first + 1} of ${valLoss.length}` : ''}`;
}

async function trainOne(file: string): Promise<void> {
  const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  if (values.backend === 'wasm') {
    require('@tensorflow/tfjs-backend-wasm');
  }
  if (!(await tf.setBackend(values.backend!))) throw new Error(`backend ${values.backend} did not load`);
  // The kernels wasm lacks for conv nets (as the profiler supplies them): without them no conv case trains on wasm.
  if (values.backend === 'wasm') {
    for (const register of [registerWasmConvBackpropFilter, registerWasmConvBackpropInput, registerWasmUnsortedSegmentSum]) register(tf as unknown as Tf);
  }
  tf.env().set('PROD', true);
  const cap = (epochs?: number) => Math.min(epochs ?? 1, values.epochs ? Number(values.epochs) : Infinity);
  let reported = false;
  const fmt = (v: number | undefined) => (v === undefined ? '–' : Number.isFinite(v) ? v.toPrecision(3) : String(v));
  // Validation figures (when the program validates) show what training loss alone cannot: overfitting, memorised labels.
  const report = (epochs: number | string, loss: number[], accuracy: number[], valLoss: number[] = [], valAccuracy: number[] = []): never => {
    reported = true;
    const validation = valLoss.length > 0 ? `${fmt(valLoss[0])} → ${fmt(valLoss.at(-1))} (min ${fmt(Math.min(...valLoss))})${valAccuracy.length > 0 ? `, acc ${fmt(valAccuracy.at(-1))}` : ''}${generalisationLoss(loss, valLoss)}` : '–';
    const outputs = outputsBefore && outputsAfter ? `${outputsBefore} → ${outputsAfter}` : '–';
    const marks = [...Array.from({ length: 12 }, (_, k) => Math.round(10 ** (k / 2))).filter((e) => e < loss.length), loss.length];
    const curve = values.curve ? marks.map((e) => `${e}: ${fmt(loss[e - 1])}`).join(', ') : undefined;
    console.log(JSON.stringify({ epochs, first: fmt(loss[0]), min: fmt(Math.min(...loss)), last: fmt(loss.at(-1)), accuracy: fmt(accuracy.at(-1)), moved: fmt(lastModel ? moved(lastModel) : undefined), validation, outputs, curve }));
    process.exit(0);
  };
  // The optimizer's rate × --rate-factor, once, before the first fit (SGD and Momentum keep it in a scalar set by setLearningRate).
  type Rated = { optimizer?: { learningRate?: number; setLearningRate?: (rate: number) => void } };
  let rescaled = false;
  const rescale = (model: unknown) => {
    const factor = Number(values['rate-factor'] ?? 1);
    const optimizer = (model as Rated).optimizer;
    if (rescaled || factor === 1 || !optimizer || typeof optimizer.learningRate !== 'number') return;
    rescaled = true;
    const rate = optimizer.learningRate * factor;
    if (optimizer.setLearningRate) optimizer.setLearningRate(rate);
    else optimizer.learningRate = rate;
  };
  // How far training moved the weights: ‖w_end − w_0‖ / ‖w_0‖ over all trainable weights (the distance the plan's steps covered).
  type Weighted = { trainableWeights: { read: () => import('@tensorflow/tfjs').Tensor }[] };
  let initial: Float32Array[] | undefined;
  const snapshot = (model: unknown) => (model as Weighted).trainableWeights.map((w) => w.read().dataSync() as Float32Array);
  const remember = (model: unknown) => {
    if (!initial) initial = snapshot(model).map((values) => values.slice());
  };
  const moved = (model: unknown) => {
    if (!initial) return undefined;
    let delta = 0;
    let base = 0;
    snapshot(model).forEach((values, i) => values.forEach((v, j) => ((delta += (v - initial![i][j]) ** 2), (base += initial![i][j] ** 2))));
    return base > 0 ? Math.sqrt(delta / base) : undefined;
  };
  let lastModel: unknown;
  // --outputs: tails share / confidently wrong share of rows, on fit's own x and y (inference mode); undefined when not readable.
  let outputsBefore: string | undefined;
  let outputsAfter: string | undefined;
  const outputShares = (model: unknown, x: unknown, y: unknown): string | undefined => {
    if (!values.outputs || !(x instanceof tf.Tensor) || !(y instanceof tf.Tensor)) return undefined;
    const p = tf.tidy(() => (model as import('@tensorflow/tfjs').LayersModel).predict(x) as import('@tensorflow/tfjs').Tensor);
    const out = p.dataSync();
    const labels = y.dataSync();
    const width = p.shape.at(-1) ?? 1;
    p.dispose();
    if (out.length !== labels.length || out.some((v) => v < 0 || v > 1)) return undefined;
    let tails = 0;
    let wrongRows = 0;
    for (let row = 0; row < out.length / width; row++) {
      let wrong = false;
      for (let k = row * width; k < (row + 1) * width; k++) {
        if (out[k] < 0.01 || out[k] > 0.99) tails++;
        if ((out[k] > 0.99 && labels[k] < 0.5) || (out[k] < 0.01 && labels[k] >= 0.5)) wrong = true;
      }
      if (wrong) wrongRows++;
    }
    return `tails ${(tails / out.length).toFixed(3)}, wrong ${(wrongRows / (out.length / width)).toFixed(3)}`;
  };
  const firstLayerSigns = (model: unknown, x: unknown): string | undefined => {
    const m = model as import('@tensorflow/tfjs').LayersModel;
    const first = m.layers.find((l) => l.countParams() > 0);
    const activation = (first?.getConfig() as { activation?: string } | undefined)?.activation;
    if (!values.outputs || !(x instanceof tf.Tensor) || !first || activation !== 'relu') return undefined;
    const h = tf.tidy(() => tf.model({ inputs: m.inputs, outputs: first.output as import('@tensorflow/tfjs').SymbolicTensor }).predict(x) as import('@tensorflow/tfjs').Tensor2D);
    const [rows, units] = h.shape;
    const v = h.dataSync();
    h.dispose();
    let dead = 0;
    let on = 0;
    for (let u = 0; u < units; u++) {
      let positive = 0;
      for (let r = 0; r < rows; r++) if (v[r * units + u] > 0) positive++;
      if (positive === 0) dead++;
      else if (positive === rows) on++;
    }
    return `first layer ${dead} dead + ${on} always on of ${units}`;
  };
  /** Before training: the rate × --rate-factor, the initial weights, and the model the report measures. */
  const track = (model: unknown) => {
    rescale(model);
    remember(model);
    lastModel = model;
  };
  const fromHistory = (epochs: number, { history: h }: History) =>
    report(epochs, h.loss ?? [], h.acc ?? h.accuracy ?? [], h.val_loss, h.val_acc ?? h.val_accuracy);
  // Sequential.fit delegates to its inner LayersModel's fit: wrap both, report once (the outermost call).
  type Proto = { fit: Fit; fitDataset: (this: unknown, dataset: unknown, args?: FitArgs) => Promise<History>; trainOnBatch: (this: unknown, ...a: unknown[]) => Promise<number | number[]> };
  // A trainOnBatch loop has no history: its losses are collected and reported when the loop is done.
  const losses: number[] = [];
  for (const proto of [tf.LayersModel.prototype, tf.Sequential.prototype] as unknown as Proto[]) {
    const { fit, fitDataset, trainOnBatch } = proto;
    proto.fit = async function (x, y, args = {}) {
      const epochs = cap(args.epochs);
      track(this);
      const read = () => [outputShares(this, x, y), firstLayerSigns(this, x)].filter(Boolean).join('; ') || undefined;
      outputsBefore ??= read();
      const history = await fit.call(this, x, y, { ...args, epochs, verbose: 0 });
      outputsAfter ??= read();
      return reported ? history : fromHistory(epochs, history);
    };
    proto.fitDataset = async function (dataset, args = {}) {
      const epochs = cap(args.epochs);
      track(this);
      const history = await fitDataset.call(this, dataset, { ...args, epochs, verbose: 0 });
      return reported ? history : fromHistory(epochs, history);
    };
    proto.trainOnBatch = async function (...a) {
      track(this);
      const out = await trainOnBatch.apply(this, a);
      losses.push(Array.isArray(out) ? out[0] : out);
      return out;
    };
  }
  process.on('beforeExit', () => {
    if (!reported && losses.length > 0) report(`${losses.length} steps`, losses, []);
  });
  require(file);
}

function main(): void {
  const filter = values.filter ? new RegExp(values.filter) : /^canon-/;
  const cases = listCases(path.join(__dirname, 'cases')).filter((c) => filter.test(c.id));
  const outputsHeader = values.outputs ? ' outputs before → after the plan: tails, confidently wrong rows |' : '';
  console.log(`| case | label | epochs | loss first epoch | min | last | accuracy | weights moved | validation loss first → last, accuracy |${outputsHeader}\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |${values.outputs ? ' --- |' : ''}`);
  for (const c of cases) {
    const args = ['--import', 'tsx', __filename, '--case', c.file, '--backend', values.backend!];
    if (values.epochs) args.push('--epochs', values.epochs);
    if (values['rate-factor']) args.push('--rate-factor', values['rate-factor']);
    if (values.outputs) args.push('--outputs');
    if (values.curve) args.push('--curve');
    let cells: string[];
    try {
      const out = execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'pipe'] });
      const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, string | number>;
      cells = [String(r.epochs), String(r.first), String(r.min), String(r.last), String(r.accuracy), String(r.moved), String(r.validation)];
      if (values.outputs) cells.push(String(r.outputs));
      if (values.curve) cells.push(`loss by epoch: ${String(r.curve)}`);
    } catch (error) {
      cells = ['failed', String((error as Error).message).split('\n')[0].slice(0, 80), '', '', '', '', '', ...(values.outputs ? [''] : [])];
    }
    console.log(`| ${c.id} | ${c.label === 'healthy' ? 'healthy' : c.bugs.join('+')} | ${cells.join(' | ')} |`);
  }
}

if (values.case) void trainOne(values.case);
else main();
