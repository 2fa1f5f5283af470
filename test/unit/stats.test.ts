// weightStats against hand-computed values (plain Node, no tfjs).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { combinedNorm, HISTOGRAM_BINS, HISTOGRAM_MAX_LOG10, HISTOGRAM_MIN_LOG10, l2Norm, weightStats } from '../../src/core/stats';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);
/** Bin of |g| per the documented layout: 64 equal bins of log10|g| over [-16, 8). */
const binOf = (a: number) => Math.floor((Math.log10(a) - HISTOGRAM_MIN_LOG10) / ((HISTOGRAM_MAX_LOG10 - HISTOGRAM_MIN_LOG10) / HISTOGRAM_BINS));

test('layout: 64 bins over log10 in [-16, 8), i.e. 0.375 decades each', () => {
  assert.equal(HISTOGRAM_BINS, 64);
  assert.equal(HISTOGRAM_MIN_LOG10, -16);
  assert.equal(HISTOGRAM_MAX_LOG10, 8);
});

test('finite gradient: norm, meanAbs, maxAbs, zeroShare, ratio, histogram', () => {
  const grad = Float32Array.from([3, -4, 0, 0, 1e-3, -1e-3, 12]);
  const weight = Float32Array.from([1, 2, 2]); // ‖w‖ = 3
  const s = weightStats('dense/kernel', grad, weight);
  const sumSq = 9 + 16 + 2 * Math.fround(1e-3) ** 2 + 144;
  assert.equal(s.name, 'dense/kernel');
  close(s.gradNorm, Math.sqrt(sumSq), 'gradNorm');
  close(s.meanAbs, (3 + 4 + 2 * Math.fround(1e-3) + 12) / 7, 'meanAbs');
  assert.equal(s.maxAbs, 12);
  close(s.zeroShare, 2 / 7, 'zeroShare');
  assert.equal(s.nanCount, 0);
  assert.equal(s.infCount, 0);
  assert.equal(s.weightNorm, 3);
  close(s.ratio, Math.sqrt(sumSq) / 3, 'ratio');
  assert.equal(s.histogram.length, 64);
  // log10 3 = 0.477 → bin floor(16.477/0.375) = 43; 4 → 0.602 → 44; 12 → 1.079 → 45; 1e-3 → -3 → floor(13/0.375) = 34 (×2).
  const expected = new Array(64).fill(0);
  for (const bin of [43, 44, 45, 34, 34]) expected[bin]++;
  assert.deepEqual([binOf(3), binOf(4), binOf(12), binOf(Math.fround(1e-3))], [43, 44, 45, 34]);
  assert.deepEqual(s.histogram, expected);
  assert.equal(s.histogram.reduce((a, b) => a + b, 0), grad.length - 2, 'zeros are not binned');
});

test('histogram clamps values outside [1e-16, 1e8) into the end bins', () => {
  const s = weightStats('w', [1e-30, 5e-17, 1e9, 1e20, 1e-16], [1]);
  assert.equal(s.histogram[0], 3);
  assert.equal(s.histogram[63], 2);
});

test('NaN and Inf are counted; norm, meanAbs and maxAbs report them', () => {
  const nan = weightStats('w', [1, NaN, Infinity, -2, NaN], [3, 4]);
  assert.equal(nan.nanCount, 2);
  assert.equal(nan.infCount, 1);
  assert.ok(Number.isNaN(nan.gradNorm));
  assert.ok(Number.isNaN(nan.meanAbs));
  assert.ok(Number.isNaN(nan.maxAbs));
  assert.ok(Number.isNaN(nan.ratio));
  assert.equal(nan.weightNorm, 5);
  assert.equal(nan.histogram.reduce((a, b) => a + b, 0), 2, 'only the finite non-zero values are binned');

  const inf = weightStats('w', [1, -Infinity, 2], [1]);
  assert.equal(inf.nanCount, 0);
  assert.equal(inf.infCount, 1);
  assert.equal(inf.gradNorm, Infinity);
  assert.equal(inf.maxAbs, Infinity);
  assert.equal(inf.ratio, Infinity);
});

test('zero weights and zero gradients: ratio 0 / Infinity, empty tensors', () => {
  const zeros = weightStats('b', [0, 0, 0], [0, 0, 0]);
  assert.deepEqual([zeros.gradNorm, zeros.meanAbs, zeros.maxAbs, zeros.zeroShare, zeros.ratio], [0, 0, 0, 1, 0]);
  assert.equal(weightStats('b', [0.5, 0], [0, 0]).ratio, Infinity);
  const empty = weightStats('e', [], []);
  assert.deepEqual([empty.gradNorm, empty.meanAbs, empty.zeroShare, empty.ratio], [0, 0, 0, 0]);
});

test('float64 accumulation: a million equal float32 values', () => {
  const n = 1_000_000;
  const g = new Float32Array(n).fill(1e-3);
  const s = weightStats('w', g, g);
  const v = Math.fround(1e-3);
  // float32 summation would be off by ~1e-3 here; float64 by ~1e-11.
  for (const [got, want, what] of [[s.gradNorm, Math.sqrt(n) * v, 'gradNorm'], [s.meanAbs, v, 'meanAbs'], [s.ratio, 1, 'ratio']] as const) {
    assert.ok(Math.abs(got - want) <= 1e-9 * want, `${what}: ${got} vs ${want}`);
  }
});

test('l2Norm and combinedNorm', () => {
  assert.equal(l2Norm([3, 4]), 5);
  assert.ok(Number.isNaN(l2Norm([1, NaN])));
  assert.equal(combinedNorm([3, 4, 12]), 13);
  assert.equal(combinedNorm([]), 0);
});
