// The loss-target rule (core/lossTargetRule.ts): a built-in loss whose minimum, as tfjs defines it, is not at the
// targets it gets — a margin loss on 0/1 labels (tfjs does not map them to ±1), MSLE on targets below 0 (clipped to ε).
// Near misses: the same losses on the targets they are meant for, and other losses on the same targets.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BELOW_ZERO, lossTargetFindings } from '../../src/core/lossTargetRule';
import type { OutputInfo, SourceLocation } from '../../src/core/protocol';

const COMPILE: SourceLocation = { file: '/m.js', line: 40, column: 7 };
const TARGETS: SourceLocation = { file: '/m.js', line: 12, column: 16 };
const out = (loss: string, labelMin: number, labelMax: number, extra: Partial<OutputInfo> = {}): OutputInfo => ({
  layer: 'head',
  activation: 'tanh',
  loss,
  units: 1,
  labelMeanSquare: 0.4,
  labelVariance: 0.24,
  labelMin,
  labelMax,
  labelFractional: 0,
  ...extra,
});

for (const loss of ['hinge', 'squaredHinge']) {
  test(`${loss} on 0/1 labels: a loss-target warning on compile(), the targets' line related, the share of 0s named`, () => {
    const [f, ...rest] = lossTargetFindings([out(loss, 0, 1)], COMPILE, [TARGETS]);
    assert.equal(rest.length, 0);
    assert.equal(f?.code, 'loss-target');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.location, COMPILE);
    assert.deepEqual(f.related?.[0].location, TARGETS);
    // 0/1 labels: mean(y²) = 0.4 is the share of 1s, so 60 % are 0.
    assert.match(f.message, /gets 0\/1 labels \(60 % of them 0\)/);
    assert.match(f.message, /every 0 label costs exactly 1 whatever the model predicts/);
  });
}

test('one-hot rows under hinge (several units, 0/1): fires as well — the zeros are not read as −1', () => {
  assert.equal(lossTargetFindings([out('hinge', 0, 1, { units: 3, labelMeanSquare: 1 / 3 })], COMPILE)[0]?.code, 'loss-target');
});

test('near misses for the margin losses: ±1 labels, {−1, 0, 1}, all labels 1, fractional labels, other losses on 0/1', () => {
  const quiet = (o: OutputInfo) => assert.deepEqual(lossTargetFindings([o], COMPILE), []);
  quiet(out('hinge', -1, 1));
  quiet(out('squaredHinge', -1, 1));
  quiet(out('hinge', -1, 1, { labelMeanSquare: 0.7 }));
  quiet(out('hinge', 1, 1));
  quiet(out('hinge', 0, 1, { labelFractional: 0.3 }));
  quiet(out('binaryCrossentropy', 0, 1));
  quiet(out('meanSquaredError', 0, 1));
  quiet(out('categoricalHinge', 0, 1, { units: 3 }));
});

test('MSLE on standardised targets: a loss-target warning naming the range and the share below 0', () => {
  for (const loss of ['meanSquaredLogarithmicError', 'msle', 'MSLE']) {
    const [f] = lossTargetFindings([out(loss, -2.7, 3.1, { activation: 'linear', labelNegative: 0.48, labelFractional: 1 })], COMPILE);
    assert.equal(f?.code, 'loss-target', loss);
    assert.match(f.message, /targets from -2\.7 to 3\.1, 48 % of them below 0\. .*every target below 0 reads as 0/);
    assert.match(f.message, /Use meanSquaredError/);
  }
});

test(`near misses for MSLE: positive targets, targets down to −${BELOW_ZERO} (rounding-sized), MSE/MAE on standardised targets, no label statistics`, () => {
  const quiet = (o: OutputInfo) => assert.deepEqual(lossTargetFindings([o], COMPILE), []);
  quiet(out('meanSquaredLogarithmicError', 0.2, 140, { labelFractional: 1 }));
  quiet(out('meanSquaredLogarithmicError', 0, 1, { labelFractional: 1 }));
  quiet(out('meanSquaredLogarithmicError', -BELOW_ZERO, 2, { labelFractional: 1 }));
  quiet(out('meanSquaredError', -2.7, 3.1, { labelFractional: 1 }));
  quiet(out('meanAbsoluteError', -2.7, 3.1, { labelFractional: 1 }));
  quiet(out('meanSquaredLogarithmicError', -2.7, 3.1, { labelMin: undefined, labelMax: undefined }));
});

test('just past the tolerance fires: targets down to −0.06', () => {
  assert.equal(lossTargetFindings([out('msle', -0.06, 2, { labelFractional: 1 })], COMPILE).length, 1);
});
