// Labels, targets and wiring rules (src/core/dataRules.ts) on hand-made output statistics: each finding that must
// fire and its near miss.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { dataFindings, symmetricUnits } from '../../src/core/dataRules';
import type { LayerInfo, OutputInfo } from '../../src/core/protocol';

const compile = { file: '/m.js', line: 33, column: 7 };
const layer = (name: string, activation: string, line: number, className = 'Dense'): LayerInfo => ({
  name,
  className,
  activation,
  location: { file: '/m.js', line, column: 3 },
  weights: [{ name: `${name}/kernel`, shape: [8, 8], trainable: true }],
});
const out = (activation: string, loss: string, units: number, labelMin: number, labelMax: number, labelFractional = 0): OutputInfo => ({
  layer: 'head',
  activation,
  loss,
  units,
  labelMeanSquare: 0.1,
  labelVariance: 0.1,
  labelMin,
  labelMax,
  labelFractional,
});
const layers = [layer('hidden', 'relu', 21), layer('head', 'softmax', 23)];

test('sparse labels divided by 255: fractional class indices all truncate to class 0, on the compile() line', () => {
  const [finding] = dataFindings(layers, [out('softmax', 'sparseCategoricalCrossentropy', 10, 0, 9 / 255, 0.88)], compile);
  assert.equal(finding?.code, 'invalid-labels');
  assert.deepEqual(finding.location, compile);
  assert.match(finding.message, /88 % of them are not whole numbers .* becomes class 0 like every other label/);
});

test('labels the loss can read stay quiet: integer indices 0–9, one-hot rows, 0/1 labels', () => {
  assert.deepEqual(dataFindings(layers, [out('softmax', 'sparseCategoricalCrossentropy', 10, 0, 9)], compile), []);
  assert.deepEqual(dataFindings(layers, [out('softmax', 'categoricalCrossentropy', 10, 0, 1)], compile), []);
  assert.deepEqual(dataFindings([layer('hidden', 'relu', 21), layer('head', 'sigmoid', 23)], [out('sigmoid', 'binaryCrossentropy', 1, 0, 1)], compile), []);
  // Out of range: class 10 of a 10-unit output.
  assert.equal(dataFindings(layers, [out('softmax', 'sparseCategoricalCrossentropy', 10, 0, 10)], compile)[0]?.code, 'invalid-labels');
  assert.equal(dataFindings(layers, [out('softmax', 'categoricalCrossentropy', 10, 0, 255)], compile)[0]?.code, 'invalid-labels');
});

test('targets in [-1, 1] under a sigmoid output: cannot be fitted, on the output layer', () => {
  const sigmoid = [layer('hidden', 'relu', 21), layer('head', 'sigmoid', 23)];
  const [finding] = dataFindings(sigmoid, [out('sigmoid', 'meanSquaredError', 1, -0.95, 0.62)], compile);
  assert.equal(finding?.code, 'output-activation');
  assert.equal(finding.location?.line, 23);
  assert.match(finding.message, /run from -0\.95 to 0\.62.*\[0, 1\].*'tanh' for \[-1, 1\]/);
  // Near misses: min-max scaled targets [0, 1] under a sigmoid; standardised targets under a linear output.
  assert.deepEqual(dataFindings(sigmoid, [out('sigmoid', 'meanSquaredError', 1, 0, 1)], compile), []);
  assert.deepEqual(dataFindings([layer('hidden', 'relu', 21), layer('head', 'linear', 23)], [out('linear', 'meanSquaredError', 1, -2.1, 3.4)], compile), []);
  // A ReLU output cannot produce the negative half of standardised targets.
  const relu = [layer('hidden', 'relu', 21), layer('head', 'relu', 23)];
  assert.equal(dataFindings(relu, [out('relu', 'meanSquaredError', 1, -2.1, 3.4)], compile)[0]?.code, 'output-activation');
});

test('a hand-written regression loss (a distance: 0 at its labels) on targets beyond a tanh output: fires as a built-in MSE does', () => {
  const tanh = [layer('hidden', 'relu', 21), layer('head', 'tanh', 23)];
  const custom = (atLabels: number, atClipped: number): OutputInfo => ({ ...out('tanh', 'loss', 1, 0.1, 2.6), targetRangeLoss: { atLabels, atClipped } });
  const [finding] = dataFindings(tanh, [custom(0, 0.31)], compile);
  assert.equal(finding?.code, 'output-activation');
  assert.equal(finding.location?.line, 23);
  assert.match(finding.message, /run from 0\.1 to 2\.6, but the output layer's tanh only produces values in \[-1, 1\]/);
  // Near misses: a loss not 0 at its own labels (not a distance to them), one the clipping costs nothing (it reads no
  // magnitude), no reading (a custom loss the runner could not read), targets inside the range.
  assert.deepEqual(dataFindings(tanh, [custom(0.2, 0.5)], compile), []);
  assert.deepEqual(dataFindings(tanh, [custom(0, 0)], compile), []);
  assert.deepEqual(dataFindings(tanh, [out('tanh', 'loss', 1, 0.1, 2.6)], compile), []);
  assert.deepEqual(dataFindings(tanh, [{ ...out('tanh', 'loss', 1, -0.9, 0.95), targetRangeLoss: { atLabels: 0, atClipped: 0 } }], compile), []);
});

test('softmax on a hidden conv layer fires there; on the output layer it does not', () => {
  const hidden = [layer('conv', 'softmax', 22, 'Conv2D'), layer('dense', 'relu', 27), layer('head', 'softmax', 28)];
  const findings = dataFindings(hidden, [out('softmax', 'categoricalCrossentropy', 10, 0, 1)], compile);
  assert.deepEqual(findings.map((f) => [f.code, f.location?.line]), [['hidden-activation', 22]]);
  assert.match(findings[0].message, /channels sum to 1/);
  assert.deepEqual(dataFindings(layers, [out('softmax', 'categoricalCrossentropy', 10, 0, 1)], compile), []);
});

test('softmax read by a Dot or Multiply (attention weights) or inside the output wrapper stays quiet; read by a Dense it fires', () => {
  const labels = [out('softmax', 'categoricalCrossentropy', 10, 0, 1)];
  const readBy = (l: LayerInfo, ...classes: string[]): LayerInfo => ({ ...l, readBy: classes });
  // Keras attention: Dense(n, softmax) weighs its own input through multiply([inputs, probs]); Luong: dot(softmax, values).
  assert.deepEqual(dataFindings([readBy(layer('probs', 'softmax', 21), 'Multiply'), layer('head', 'softmax', 23)], labels, compile), []);
  assert.deepEqual(dataFindings([readBy(layer('scores', 'softmax', 21), 'Dot'), layer('head', 'softmax', 23)], labels, compile), []);
  // TimeDistributed(Dense(13, softmax)) as the output: the wrapper is the output, its Dense a layer of its own.
  const wrapper: LayerInfo = { ...layer('head', 'softmax', 23, 'TimeDistributed'), weights: [] };
  const wrapped: LayerInfo = { ...layer('dense_Dense2', 'softmax', 23), parent: 'head' };
  assert.deepEqual(dataFindings([layer('hidden', 'tanh', 21), wrapper, wrapped], labels, compile), []);
  // Near misses that must fire: read by a Dense (a hidden activation), or wrapped by a hidden TimeDistributed.
  const dense = dataFindings([readBy(layer('hidden', 'softmax', 21), 'Dense'), layer('head', 'softmax', 23)], labels, compile);
  assert.deepEqual(dense.map((f) => [f.code, f.location?.line]), [['hidden-activation', 21]]);
  const hiddenWrapper: LayerInfo = { ...layer('td', 'softmax', 21, 'TimeDistributed'), weights: [] };
  const inner = dataFindings([hiddenWrapper, { ...layer('inner', 'softmax', 21), parent: 'td' }, layer('head', 'softmax', 23)], labels, compile);
  assert.deepEqual(inner.map((f) => [f.code, f.layer]), [['hidden-activation', 'inner']]);
});

test('data lines: labels the loss cannot read on the line that made them (compile() related), out-of-range targets related to theirs', () => {
  const labelsLine = { file: '/m.js', line: 18, column: 16 };
  const [labels] = dataFindings(layers, [out('softmax', 'sparseCategoricalCrossentropy', 10, 0, 9 / 255, 0.88)], compile, [labelsLine]);
  assert.equal(labels.code, 'invalid-labels');
  assert.equal(labels.location?.line, 18);
  assert.equal(labels.layer, undefined);
  assert.deepEqual(labels.related?.map((r) => [r.layer, r.location?.line]), [['compile()', 33]]);
  // No compile() line known: the labels line alone.
  assert.equal(dataFindings(layers, [out('softmax', 'sparseCategoricalCrossentropy', 10, 0, 9 / 255, 0.88)], undefined, [labelsLine])[0].related, undefined);
  // Near miss: readable labels give no finding wherever they were made.
  assert.deepEqual(dataFindings(layers, [out('softmax', 'sparseCategoricalCrossentropy', 10, 0, 9)], compile, [labelsLine]), []);
  const sigmoid = [layer('hidden', 'relu', 21), layer('head', 'sigmoid', 23)];
  const [range] = dataFindings(sigmoid, [out('sigmoid', 'meanSquaredError', 1, -0.95, 0.62)], compile, [{ file: '/m.js', line: 17, column: 1 }]);
  assert.equal(range.location?.line, 23, 'the activation is what to change');
  assert.deepEqual(range.related?.map((r) => [r.layer, r.location?.line]), [['targets', 17]]);
  assert.match(range.related![0].message, /\(-0\.95 to 0\.62\), made here/);
});

test('custom loss probe: a logits loss behind a softmax output (redundant softmax) and a log-probability loss behind a linear output (missing softmax)', () => {
  const probe = (atLabels: number, atScaled: number, atWrong: number) => ({ atLabels, atScaled, atWrong });
  const withProbe = (activation: string, lossProbe: ReturnType<typeof probe>): OutputInfo => ({ ...out(activation, 'softmaxCrossEntropyWithLogits', 10, 0, 1), lossProbe });
  // tf.losses.softmaxCrossEntropy: ln(1 + 9/e) = 1.46 at the one-hot labels, 0.006 at ×5, 2.46 when wrong.
  const logits = probe(Math.log(1 + 9 / Math.E), Math.log(1 + 9 * Math.exp(-5)), Math.log(Math.E + 9));
  const [redundant] = dataFindings(layers, [withProbe('softmax', logits)], compile);
  assert.equal(redundant?.code, 'output-activation');
  assert.equal(redundant.location?.line, 23);
  assert.match(redundant.message, /applies its own softmax .* never fall below ~1\.5 /);
  // The same logits loss on a linear output is right.
  const linear = [layer('hidden', 'relu', 21), layer('head', 'linear', 23)];
  assert.deepEqual(dataFindings(linear, [withProbe('linear', logits)], compile), []);
  // −Σ y log(clip(p, 1e-32, 1)): 0 at the labels, 73.7 when confidently wrong.
  const logProb = probe(0, 0, 73.7);
  const [missing] = dataFindings(linear, [withProbe('linear', logProb)], compile);
  assert.equal(missing?.code, 'output-activation');
  assert.match(missing.message, /reads its predictions as probabilities but the output layer's activation is linear/);
  assert.equal(missing.severity, 'warning');
  // NaN/Inf first seen in the loss at step 3: this mismatch is its cause, an error that says so.
  const [nan] = dataFindings(linear, [withProbe('linear', logProb)], compile, [], 3);
  assert.equal(nan.severity, 'error');
  assert.equal(nan.step, 3);
  assert.match(nan.message, /^NaN\/Inf in the loss or its gradient from step 3, caused by the output activation: The loss reads/);
  // A redundant softmax makes no NaN: it stays a warning whatever the NaN step.
  assert.equal(dataFindings(layers, [withProbe('softmax', logits)], compile, [], 3)[0].severity, 'warning');
  assert.deepEqual(dataFindings(layers, [withProbe('softmax', logProb)], compile), [], 'a log-probability loss on a softmax is right');
  // A custom squared error on one-hot labels (0 at the labels, 0.2 when wrong) is neither.
  assert.deepEqual(dataFindings(linear, [withProbe('linear', probe(0, 1.6, 0.2))], compile), []);
});

test('custom loss probe: a logits loss behind a ReLU output (clamped logits) warns with the floor; activations that leave logits free stay quiet', () => {
  // tf.losses.softmaxCrossEntropy over 10 classes, as the probe reads it (see the test above).
  const logits = { atLabels: Math.log(1 + 9 / Math.E), atScaled: Math.log(1 + 9 * Math.exp(-5)), atWrong: Math.log(Math.E + 9) };
  const head = (activation: string) => [layer('hidden', 'relu', 21), layer('head', activation, 23)];
  const withProbe = (activation: string): OutputInfo => ({ ...out(activation, 'custom', 10, 0, 1), lossProbe: logits });
  const [relu] = dataFindings(head('relu'), [withProbe('relu')], compile);
  assert.equal(relu?.code, 'output-activation');
  assert.equal(relu.location?.line, 23, 'the activation is what to change');
  assert.equal(relu.severity, 'warning');
  assert.match(relu.message, /applies its own softmax .* relu confines the logits to \[0, ∞\): .* cannot fall below ln 10 = 2\.3/);
  // tanh: logits in [−1, 1] floor a 10-class softmax at ln(1 + 9e^−2) = 0.80.
  assert.match(dataFindings(head('tanh'), [withProbe('tanh')], compile)[0]?.message ?? '', /above 0\.8 /);
  // Near misses: logits bounded only below with a gradient everywhere (elu, selu, softplus) lose nothing under a softmax.
  for (const free of ['elu', 'selu', 'softplus', 'linear']) assert.deepEqual(dataFindings(head(free), [withProbe(free)], compile), [], free);
  // Under a sigmoid loss (0/1 labels) a ReLU makes every prediction ≥ 0.5: a 0 label costs ≥ ln 2.
  const binary = { atLabels: 0.5032, atScaled: 0.0067, atWrong: 1.0032, binary: true };
  const [sig] = dataFindings(head('relu'), [{ ...out('relu', 'custom', 1, 0, 1), lossProbe: binary }], compile);
  assert.match(sig?.message ?? '', /applies its own sigmoid .* a 0 label costs at least ln 2 = 0\.69/);
  // A squared error behind a ReLU (0 at the labels: not a logits loss) stays quiet.
  assert.deepEqual(dataFindings(head('relu'), [{ ...out('relu', 'custom', 10, 0, 1), lossProbe: { atLabels: 0, atScaled: 1.6, atWrong: 0.2 } }], compile), []);
});

test('custom loss probe on 0/1 labels of one sigmoid unit: a sigmoid output into a logits loss, a linear output into a probability loss', () => {
  // The probe's own readings (runner/gradientProfiler readLoss, binary labels half 0, half 1) of tfjs's losses:
  // tf.losses.sigmoidCrossEntropy ((ln(1 + 1/e) + ln 2)/2 = 0.503 at the labels, ln(1 + e^-5) = 0.0067 at ±5, 1.003 flipped),
  // tf.losses.logLoss (0 at the labels, NaN at ±5: a log of −5, −ln 1e-7 = 16.1 flipped), a squared error (0, 20.5, 1).
  const probe = (atLabels: number, atScaled: number, atWrong: number) => ({ atLabels, atScaled, atWrong, binary: true });
  const withProbe = (activation: string, lossProbe: ReturnType<typeof probe>): OutputInfo => ({ ...out(activation, 'custom', 1, 0, 1), lossProbe });
  const sigmoidCE = probe(0.5032, 0.0067, 1.0032);
  const logLoss = probe(0, NaN, 16.12);
  const sigmoidHead = [layer('hidden', 'relu', 21), layer('head', 'sigmoid', 23)];
  const linearHead = [layer('hidden', 'relu', 21), layer('head', 'linear', 23)];
  const [twice] = dataFindings(sigmoidHead, [withProbe('sigmoid', sigmoidCE)], compile);
  assert.equal(twice?.code, 'output-activation');
  assert.equal(twice.location?.line, 23);
  assert.match(twice.message, /applies its own sigmoid .* already squashes them \(sigmoid\): fed the 0\/1 labels themselves it gives 0\.5.* use a loss on probabilities \(binaryCrossentropy\)/);
  const [missing] = dataFindings(linearHead, [withProbe('linear', logLoss)], compile, [], 10);
  assert.equal(missing?.code, 'output-activation');
  assert.equal(missing.severity, 'error');
  assert.match(missing.message, /^NaN\/Inf in the loss or its gradient from step 10, caused by the output activation: .* activation is linear.* Use activation 'sigmoid' on the output layer \(or a loss that takes logits, e\.g\. tf\.losses\.sigmoidCrossEntropy\)/);
  // Near misses: each loss on the output it expects, and a squared error on either output.
  assert.deepEqual(dataFindings(linearHead, [withProbe('linear', sigmoidCE)], compile), []);
  assert.deepEqual(dataFindings(sigmoidHead, [withProbe('sigmoid', logLoss)], compile), []);
  assert.deepEqual(dataFindings(sigmoidHead, [withProbe('sigmoid', probe(0, 20.5, 1))], compile), []);
  assert.deepEqual(dataFindings(linearHead, [withProbe('linear', probe(0, 20.5, 1))], compile), []);
});

test('custom loss probe on one-hot rows: a loss with a sigmoid per unit is confident only at ±5, and is named as a sigmoid', () => {
  // tf.losses.sigmoidCrossEntropy on one-hot rows of 3 classes: (ln(1 + 1/e) + 2 ln 2)/3 = 0.567 at the labels,
  // (ln(1 + e^-5) + 2 ln 2)/3 = 0.464 at ×5 (the zeros stay at logit 0), ln(1 + e^-5) = 0.0067 at ±5.
  const withProbe = (activation: string, atSigned: number | undefined): OutputInfo => ({ ...out(activation, 'custom', 3, 0, 1), lossProbe: { atLabels: 0.567, atScaled: 0.464, atWrong: 1.07, ...(atSigned === undefined ? {} : { atSigned }) } });
  const softmaxHead = [layer('hidden', 'relu', 21), layer('head', 'softmax', 23)];
  const [f] = dataFindings(softmaxHead, [withProbe('softmax', 0.0067)], compile);
  assert.equal(f?.code, 'output-activation');
  assert.match(f.message, /^The loss applies its own sigmoid .*\(softmax\): .* fed them ×5 0\.46, fed them as ±5 6\.7e-3/);
  // Near misses: logits into it; and a reading from an older runner without atSigned (nothing to say).
  assert.deepEqual(dataFindings([layer('hidden', 'relu', 21), layer('head', 'linear', 23)], [withProbe('linear', 0.0067)], compile), []);
  assert.deepEqual(dataFindings(softmaxHead, [withProbe('softmax', undefined)], compile), []);
});

test('symmetric units: a constant-initialised hidden layer whose units stay copies fires; an output layer or units that diverged do not', () => {
  const stepWith = (n: number, hidden: number, head: number) => ({
    step: n,
    loss: 1,
    layers: [
      { name: 'hidden', gradNorm: 0.1, weights: [], duplicateShare: hidden },
      { name: 'head', gradNorm: 0.1, weights: [], duplicateShare: head },
    ],
  });
  const outputs = [out('softmax', 'categoricalCrossentropy', 10, 0, 1)];
  const findings = symmetricUnits(layers, [stepWith(0, 1, 1), stepWith(20, 1, 1)], outputs);
  assert.deepEqual(findings.map((f) => [f.code, f.layer, f.location?.line]), [['symmetric-units', 'hidden', 21]]);
  assert.match(findings[0].message, /100 % of hidden's 8 units are exact copies of another unit at step 20 \(100 % at step 0\)/);
  // Identical at step 0 but no longer at the end (their outgoing weights differ): the symmetry broke.
  assert.deepEqual(symmetricUnits(layers, [stepWith(0, 1, 0), stepWith(20, 0, 0)], outputs), []);
  // Without known outputs no layer can be called hidden.
  assert.deepEqual(symmetricUnits(layers, [stepWith(0, 1, 1), stepWith(20, 1, 1)], []), []);
});
