// The names TensorFlow.js 1.0 removed are recognised in the error messages Node gives for them, and
// nothing else is (the hint must not attach to an unrelated "is not a function").
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { removedApiHint } from '../../src/core/tfjsRenames';

test('each removed name, as CommonJS, ES-module (esbuild) and constructor errors put it, gets its replacement', () => {
  assert.equal(removedApiHint('tf.loadModel is not a function', '4.22.0'), 'tf.loadModel is a TensorFlow.js 0.x name that 1.0 removed: use tf.loadLayersModel. Gradient Lens runs this workspace on TensorFlow.js 4.22.0.');
  assert.match(removedApiHint('(0 , import_tfjs.loadFrozenModel) is not a function')!, /use tf\.loadGraphModel/);
  assert.match(removedApiHint('tf.fromPixels is not a function')!, /use tf\.browser\.fromPixels\.$/);
  assert.match(removedApiHint('tfc.toPixels is not a function')!, /use tf\.browser\.toPixels/);
  assert.match(removedApiHint('tf.batchNormalization is not a function')!, /use tf\.batchNorm \(note the changed argument order\)/);
  assert.match(removedApiHint('tf.Model is not a constructor')!, /^tf\.Model is a TensorFlow\.js 0\.x name that 1\.0 removed: use tf\.LayersModel\.$/);
  assert.match(removedApiHint('tf.FrozenModel is not a constructor')!, /use tf\.GraphModel/);
  // Tensor.get() (tfjs-core#1537), named by the variable it was called on: a course's KNN sorts by a.get(0).
  assert.equal(
    removedApiHint('a.get is not a function', '4.22.0'),
    'If a is a tensor: Tensor.get() is a TensorFlow.js 0.x method that 1.0 removed: read its values with a.arraySync() or a.bufferSync().get(…). Gradient Lens runs this workspace on TensorFlow.js 4.22.0.',
  );
  assert.match(removedApiHint('pair.get is not a function')!, /^If pair is a tensor: .*pair\.arraySync\(\)/);
  // At the end of a chain of ops, as V8 prints it (a course's linear regression: ….sum().div(n).get()).
  assert.match(
    removedApiHint('this.features.matMul(...).sub(...).pow(...).sum(...).div(...).get is not a function')!,
    /^If this\.features\.matMul\(\.\.\.\)\.sub\(\.\.\.\)\.pow\(\.\.\.\)\.sum\(\.\.\.\)\.div\(\.\.\.\) is a tensor \(an op's result\): Tensor\.get\(\) is a TensorFlow\.js 0\.x method that 1\.0 removed: read its values with \.arraySync\(\)/,
  );
});

test('near misses: current names, other objects, longer names and other errors get no hint', () => {
  for (const message of [
    'tf.loadLayersModel is not a function',
    'model.predictOnBatch is not a function',
    'tf.loadModelFromUrl is not a function',
    'myloadModel is not a function',
    'tf.LayersModel is not a constructor',
    'tf.layers.batchNormalization(...).apply is not a function',
    'Cannot read properties of undefined (reading \'loadModel\')',
    'tf.Model is not defined',
    'tf.layers.get is not a function',
    'a.getValue is not a function',
    'a.get is not iterable',
  ]) {
    assert.equal(removedApiHint(message), undefined, message);
  }
});
