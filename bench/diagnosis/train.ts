// Trains benchmark cases for real (their own fit / fitDataset call or trainOnBatch loop, epochs and all) and prints the loss at the first
// and last epoch and the last accuracy: the evidence behind the labels of the cases we constructed
// ourselves ("canon-*": healthy ones must train, buggy ones must not), and a sanity check of any port.
//
//   node --import tsx bench/diagnosis/train.ts [--filter REGEX] [--epochs N] [--backend cpu|wasm]
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
  options: { filter: { type: 'string' }, epochs: { type: 'string' }, backend: { type: 'string', default: 'wasm' }, case: { type: 'string' } },
});

interface History { history: Record<string, number[]> }
type FitArgs = { epochs?: number; verbose?: number; callbacks?: unknown };
type Fit = (this: unknown, x: unknown, y: unknown, args?: FitArgs) => Promise<History>;

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
  const report = (epochs: number | string, loss: number[], accuracy: number[]): never => {
    reported = true;
    console.log(JSON.stringify({ epochs, first: fmt(loss[0]), min: fmt(Math.min(...loss)), last: fmt(loss.at(-1)), accuracy: fmt(accuracy.at(-1)) }));
    process.exit(0);
  };
  const fromHistory = (epochs: number, history: History) =>
    report(epochs, history.history.loss ?? [], history.history.acc ?? history.history.accuracy ?? []);
  // Sequential.fit delegates to its inner LayersModel's fit: wrap both, report once (the outermost call).
  type Proto = { fit: Fit; fitDataset: (this: unknown, dataset: unknown, args?: FitArgs) => Promise<History>; trainOnBatch: (this: unknown, ...a: unknown[]) => Promise<number | number[]> };
  // A trainOnBatch loop has no history: its losses are collected and reported when the loop is done.
  const losses: number[] = [];
  for (const proto of [tf.LayersModel.prototype, tf.Sequential.prototype] as unknown as Proto[]) {
    const { fit, fitDataset, trainOnBatch } = proto;
    proto.fit = async function (x, y, args = {}) {
      const epochs = cap(args.epochs);
      const history = await fit.call(this, x, y, { ...args, epochs, verbose: 0 });
      return reported ? history : fromHistory(epochs, history);
    };
    proto.fitDataset = async function (dataset, args = {}) {
      const epochs = cap(args.epochs);
      const history = await fitDataset.call(this, dataset, { ...args, epochs, verbose: 0 });
      return reported ? history : fromHistory(epochs, history);
    };
    proto.trainOnBatch = async function (...a) {
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
  console.log('| case | label | epochs | loss first epoch | min | last | accuracy |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const c of cases) {
    const args = ['--import', 'tsx', __filename, '--case', c.file, '--backend', values.backend!];
    if (values.epochs) args.push('--epochs', values.epochs);
    let cells: string[];
    try {
      const out = execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'pipe'] });
      const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, string | number>;
      cells = [String(r.epochs), String(r.first), String(r.min), String(r.last), String(r.accuracy)];
    } catch (error) {
      cells = ['failed', String((error as Error).message).split('\n')[0].slice(0, 80), '', '', ''];
    }
    console.log(`| ${c.id} | ${c.label === 'healthy' ? 'healthy' : c.bugs.join('+')} | ${cells.join(' | ')} |`);
  }
}

if (values.case) void trainOne(values.case);
else main();
