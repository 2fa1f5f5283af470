// runner/watchValidation.ts remembers the training inputs it must not read as validation by fingerprint, at most
// TRAINING_SETS_KEPT of them: a script that fits a new x every epoch (augmentation) keeps its memory bounded and still
// gets its held-out rows read every epoch and its training rows never; on the reader itself, the fingerprint tells
// equal values apart from reordered ones, and the oldest input past the bound is forgotten (the documented trade-off).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { parseWithNonFinite } from '../../src/core/protocol';
import type { WatchReport } from '../../src/core/watchReport';
import type { WatchValidation } from '../../src/core/watchProtocol';
import { TRAINING_SETS_KEPT, ValidationReader } from '../../src/runner/watchValidation';
import type { Tf } from '../../src/runner/tfjsResolve';
import { cli, fixture, lineOf } from './helpers';

test('a new x every epoch (100 epochs): the held-out rows read every epoch, no epoch\'s training rows read', async () => {
  const file = fixture('overfitting', 'evaluate-new-x.js');
  const result = await cli(['watch', file, '--json', '--fail-on', 'none']);
  assert.equal(result.code, 0, result.stderr);
  const report = parseWithNonFinite(result.stdout) as WatchReport;
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.epochs.length, 100);
  assert.ok(100 > TRAINING_SETS_KEPT, 'the run fits more distinct inputs than the reader keeps');
  assert.equal(report.validation.length, 100, JSON.stringify(report.validation.slice(0, 3)));
  assert.ok(report.validation.every((v) => v.line === lineOf(file, 'EVALUATE LINE') && v.rows === 200));
  assert.equal(new Set(report.validation.map((v) => v.key)).size, 1);
});

test('the reader: equal values are training rows, reordered rows are not, the oldest past the bound is forgotten', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const readings: WatchValidation[] = [];
  let step = 0;
  const reader = new ValidationReader(tf as unknown as Tf, { isWatched: () => true, position: () => ({ step, epoch: step }) }, (r) => readings.push(r));
  reader.intercept();
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 1 })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const y = tf.zeros([8, 1]);
  const inputs = Array.from({ length: TRAINING_SETS_KEPT + 1 }, (_, i) => tf.randomNormal([8, 3], 0, 1, 'float32', i + 1));
  for (const x of inputs) {
    reader.noteTraining('fit', x);
    reader.noteStep(1);
    step++;
  }
  /** Whether evaluate() on `x` was read as validation. */
  const read = (x: tf.Tensor) => {
    const before = readings.length;
    reader.noteStep(1); // training in between: a reading is due
    step++;
    tf.dispose(model.evaluate(x, y));
    return readings.length > before;
  };
  const newest = inputs[inputs.length - 1];
  assert.equal(read(newest), false, 'the tensor fit() trained on');
  assert.equal(read(newest.clone()), false, 'a new tensor with its values');
  assert.equal(read(inputs[1].clone()), false, `the oldest of the ${TRAINING_SETS_KEPT} kept`);
  assert.equal(read(tf.reverse(newest, 0)), true, 'the same rows in another order: not the same tensor');
  assert.equal(read(tf.reverse(newest, 1)), true, 'the same columns in another order: not the same tensor');
  assert.equal(read(inputs[0].clone()), true, 'past the bound: forgotten, read as validation');
  assert.equal(read(inputs[0]), false, 'the very tensor is still known (held weakly)');
  assert.equal(read(tf.randomNormal([8, 3], 0, 1, 'float32', 999)), true, 'held-out rows');
});
