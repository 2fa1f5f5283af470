// The profiler's weight checks (src/runner/weightChecks.ts) against hand-computed values.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { duplicateShare, isCustomLoss, isOneHot, updateRatio } from '../../src/runner/weightChecks';

test('update ratio: ‖w_now − w_before‖ / ‖w_before‖ over all of a layer\'s variables', () => {
  const before = [new Float32Array([3, 0]), new Float32Array([4])];
  const now = [new Float32Array([3, 0.5]), new Float32Array([4])];
  assert.equal(updateRatio(before, now), 0.5 / 5);
  assert.equal(updateRatio([new Float32Array([0, 0])], [new Float32Array([1, 1])]), undefined, 'no ratio from zero weights');
});

test('duplicate units: columns of the kernel (last axis) with their bias', () => {
  const kernel = { shape: [2, 4] };
  const bias = { shape: [4] };
  // Row-major [in=2, out=4]: columns 0 and 2 equal (1, 5), 1 and 3 differ.
  const k = new Float32Array([1, 2, 1, 3, 5, 6, 5, 7]);
  assert.equal(duplicateShare([kernel], [k]), 0.5);
  assert.equal(duplicateShare([kernel, bias], [k, new Float32Array([0, 0, 0.1, 0])]), 0, 'a different bias tells them apart');
  assert.equal(duplicateShare([kernel], [new Float32Array(8).fill(0.01)]), 1, 'constant initialisation: every unit a copy');
  // The same column sums in another order are not copies (index-weighted hash).
  assert.equal(duplicateShare([{ shape: [2, 2] }], [new Float32Array([1, 5, 5, 1])]), 0);
  assert.equal(duplicateShare([{ shape: [3, 1] }], [new Float32Array([1, 1, 1])]), undefined, 'one unit');
  assert.equal(duplicateShare([bias], [new Float32Array(4)]), undefined, 'no kernel');
});

test('custom losses and one-hot labels', () => {
  for (const name of ['categoricalCrossentropy', 'sparse_categorical_crossentropy', 'meanSquaredError', 'mse', 'binaryCrossentropy']) assert.equal(isCustomLoss(name), false, name);
  for (const name of ['crossEntropy', 'softmaxCrossEntropyWithLogits', 'custom']) assert.equal(isCustomLoss(name), true, name);
  assert.equal(isOneHot(0, 1, 0, 0.1, 10), true);
  assert.equal(isOneHot(0, 1, 0, 0.2, 10), false, 'two ones per row');
  assert.equal(isOneHot(0, 9, 0, 0.1, 10), false, 'class indices');
});
