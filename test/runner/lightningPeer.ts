// PyTorch Lightning's LR finder as a peer for `gradient-lens lr`: the shared pieces of
// test/runner/lrLightning.test.ts and bench/lrPeer.ts. The same 1024 MNIST digits go to both sides:
// test/fixtures/runner/lr/digits.js picks them, exportDigits writes them for test/oracle/lightning_lr_find.py.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, steepSuggestion, trimForSuggestions, valleySuggestion } from '../../src/core/lrCurve';
import { ROOT, runProcess } from './helpers';

export const LIGHTNING_SCRIPT = path.join(ROOT, 'test', 'oracle', 'lightning_lr_find.py');
export const LR_FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'runner', 'lr');
/** The tfjs training script: 784 -> 64 relu -> 10 softmax, Adam, fit(batchSize 64) on the digits. */
export const MNIST_MLP = path.join(LR_FIXTURE_DIR, 'mnist-mlp.js');
export const VENV = process.env.GRADIENT_LENS_VENV || path.join(os.homedir(), '.cache', 'gradient-lens-venv');
export const VENV_PYTHON = path.join(VENV, 'bin', 'python');
const LIGHTNING_MARKER = path.join(VENV, '.gradient-lens-lightning');

/** Why the Lightning side cannot run here, or false. */
export function lightningSkipReason(): string | false {
  if (!fs.existsSync(VENV_PYTHON)) return `python venv missing (${VENV}): run scripts/setup-python-oracle.sh (needs python3)`;
  if (!fs.existsSync(LIGHTNING_MARKER)) return `torch/pytorch-lightning not installed in ${VENV}: run scripts/setup-python-oracle.sh`;
  return false;
}

/** One LR sweep setting, passed identically to both sides. */
export interface Sweep {
  start: number;
  end: number;
  steps: number;
  batch: number;
  repeats: number;
  seed: number;
}

export interface LightningRun {
  seed: number;
  suggestion: number | null;
  suggestionPerDecade: number | null;
  lrs: number[];
  losses: number[];
  /** Lightning's smoothed losses with its bias-correction off-by-one undone (see the script's docstring). */
  unbiased: number[];
  steps: number;
  lrFindSeconds: number;
  cpuSeconds: number;
}

export interface LightningResult {
  suggestion: number | null;
  suggestionPerDecade: number | null;
  runs: LightningRun[];
  examples: number;
  importSeconds: number;
  threads: number;
  versions: { python: string; torch: string; pytorch_lightning: string };
  /** Wall time of the whole Python process, measured from here. */
  processSeconds: number;
}

/** Writes the fixture's digits as xs.f32 (N×784 float32 LE) and labels.u8 into a new temp folder. */
export function exportDigits(): string {
  const { loadDigits } = require(path.join(LR_FIXTURE_DIR, 'digits.js')) as {
    loadDigits(): { pixels: number[][]; labels: number[] };
  };
  const { pixels, labels } = loadDigits();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-lr-peer-'));
  const xs = Float32Array.from(pixels.flat());
  fs.writeFileSync(path.join(dir, 'xs.f32'), new Uint8Array(xs.buffer, xs.byteOffset, xs.byteLength));
  fs.writeFileSync(path.join(dir, 'labels.u8'), Uint8Array.from(labels));
  return dir;
}

/**
 * torch's intra-op threads for the peer. On this shared 2-core machine two OpenMP threads spin against the
 * other processes: lr_find took ~200 ms/step with 2 threads and ~8 ms/step with 1 (bench/lrPeer.ts shows both).
 */
export const lightningEnv = (threads?: number): NodeJS.ProcessEnv =>
  threads === undefined ? { ...process.env } : { ...process.env, OMP_NUM_THREADS: String(threads) };

/** Runs Lightning's lr_find on the exported digits; rejects with its stderr on failure or timeout. */
export function runLightning(dataDir: string, sweep: Sweep, timeoutMs: number, threads?: number): Promise<LightningResult> {
  const args = [
    LIGHTNING_SCRIPT, dataDir,
    '--min-lr', String(sweep.start), '--max-lr', String(sweep.end), '--steps', String(sweep.steps),
    '--batch', String(sweep.batch), '--repeats', String(sweep.repeats), '--seed', String(sweep.seed),
  ];
  const started = performance.now();
  return runProcess(VENV_PYTHON, args, { env: lightningEnv(threads), timeoutMs }).then(({ code, signal, stdout, stderr }) => {
    const processSeconds = (performance.now() - started) / 1000;
    const line = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`lightning_lr_find.py exited ${code ?? signal}: ${stderr.slice(-2000)}`);
    return { ...(JSON.parse(line) as Omit<LightningResult, 'processSeconds'>), processSeconds };
  });
}

/** CLI arguments of `gradient-lens lr` for the same sweep (the peer compares curves: no short runs after it). */
export function lrCliArgs(file: string, sweep: Sweep, backend = 'auto'): string[] {
  return [
    'lr', file, '--start', String(sweep.start), '--end', String(sweep.end), '--steps', String(sweep.steps),
    '--batch', String(sweep.batch), '--repeats', String(sweep.repeats), '--seed', String(sweep.seed),
    '--backend', backend, '--check-steps', '0', '--json',
  ];
}

/** Lightning's curve like our `median[]`: per step every repeat reached, the median of the unbiased smoothed losses. */
export function lightningMedianCurve(result: LightningResult): { lr: number; loss: number }[] {
  const steps = Math.min(...result.runs.map((r) => r.steps));
  return result.runs[0].lrs.slice(0, steps).map((lr, i) => ({ lr, loss: median(result.runs.map((r) => r.unbiased[i])) }));
}

/** Our steep and valley rules (src/core/lrCurve.ts) applied to a median curve, e.g. Lightning's. */
export function ourRulesOn(curve: { lr: number; loss: number }[]): { steep?: number; valley?: number } {
  const trimmed = trimForSuggestions({ lrs: curve.map((p) => p.lr), losses: curve.map((p) => p.loss) });
  return { steep: steepSuggestion(trimmed), valley: valleySuggestion(trimmed) };
}
