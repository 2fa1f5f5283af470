// Model construction sites (src/core/modelSites.ts): CodeLens positions and the model-level anchor.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { firstModelLine, modelConstructionOffsets } from '../../src/core/modelSites';

test('finds tf.sequential( and tf.model( with any spacing', () => {
  const text = 'const a = tf.sequential();\nconst b = tf . model ({inputs, outputs});\n';
  assert.deepEqual(modelConstructionOffsets(text), [10, 37]);
  assert.equal(firstModelLine(text), 1);
});

test('ignores matches in line and block comments', () => {
  const text = '// uses tf.sequential( below\n/* tf.model( */\nconst m = tf.sequential();\n';
  assert.equal(modelConstructionOffsets(text).length, 1);
  assert.equal(firstModelLine(text), 3);
  assert.equal(firstModelLine('const x = 1;\n'), undefined);
  assert.equal(firstModelLine('const x = tf.sequentialish();\n'), undefined);
});
