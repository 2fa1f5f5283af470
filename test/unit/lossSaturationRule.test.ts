// The nan-prone-loss rule (src/core/lossSaturationRule.ts) on hand-made probe readings: it fires where the custom loss
// is non-finite and the clipped built-in is not, and stays quiet where both are finite or both are not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { nanProneLossFindings } from '../../src/core/lossSaturationRule';
import { evaluateHealth } from '../../src/core/health';
import type { OutputInfo } from '../../src/core/protocol';

const compile = { file: '/m.js', line: 25, column: 7 };
const logLine = { file: '/m.js', line: 12, column: 20 };
type Probe = NonNullable<OutputInfo['lossSaturation']>['probes'][number];
const probe = (pattern: Probe['pattern'], value: number, gradientFinite = Number.isFinite(value), reference = 0.14, referenceGradientFinite = true): Probe => ({ pattern, value, gradientFinite, reference, referenceGradientFinite });
const out = (probes: Probe[], activation = 'softmax', location?: typeof logLine): OutputInfo => ({
  layer: 'head', activation, loss: 'crossEntropy', units: 3, labelMeanSquare: 1 / 3, labelVariance: 0.22,
  lossSaturation: { rows: 8, probes, ...(location ? { location } : {}) },
});

test('NaN at certain-right predictions where the clipped built-in is finite: a warning at the line of the log, naming the pattern and the fix', () => {
  const [finding, ...rest] = nanProneLossFindings([out([probe('confident-right', NaN), probe('confident-wrong', Infinity, false, 14), probe('one-zero', 0.7)], 'softmax', logLine)], compile);
  assert.equal(rest.length, 0);
  assert.equal(finding.code, 'nan-prone-loss');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, logLine);
  assert.equal(finding.layer, 'head');
  assert.match(finding.message, /^The loss crossEntropy turns non-finite at outputs the softmax reaches: it gives NaN with 7 of 8 rows of the batch certain of the labelled class \(exactly 1 there, exactly 0 elsewhere\); Inf with them certain of a wrong class/);
  assert.match(finding.message, /built-in categorical cross-entropy, which clips .* gives 0\.14 at the first/);
  assert.match(finding.message, /Clip the predictions inside the loss \(tf\.clipByValue\(yPred, 1e-7, 1 - 1e-7\)\)/);
  assert.doesNotMatch(finding.message, /one wrong class/, 'the finite pattern is not listed');
});

test('a finite loss with a non-finite gradient fires too, saying so; a sigmoid names the binary cross-entropy; no location → the compile() line', () => {
  const [finding] = nanProneLossFindings([out([probe('confident-right', 0.3, false), probe('confident-wrong', 2)], 'sigmoid')], compile);
  assert.deepEqual(finding.location, compile);
  assert.match(finding.message, /it gives a finite 0\.3 but a non-finite gradient with 7 of 8 rows of the batch at exactly 0 or 1 on the label’s side/);
  assert.match(finding.message, /binary cross-entropy.*A sigmoid output is exactly 1 in float32 once its input exceeds ~17/s);
});

test('near misses: every pattern finite, or the built-in non-finite as well (the labels themselves are broken), or no reading: quiet', () => {
  assert.deepEqual(nanProneLossFindings([out([probe('confident-right', 1e-7), probe('confident-wrong', 14), probe('one-zero', 0.8)])], compile), []);
  assert.deepEqual(nanProneLossFindings([out([probe('confident-right', NaN, false, NaN, false)])], compile), []);
  assert.deepEqual(nanProneLossFindings([out([probe('confident-right', NaN, false, 0.1, false)])], compile), []);
  const { lossSaturation: _, ...plain } = out([]);
  assert.deepEqual(nanProneLossFindings([plain], compile), []);
});

test('evaluateHealth passes the outputs to the rule: the finding reaches the report with the other data findings', () => {
  const findings = evaluateHealth([], [], {}, undefined, { outputs: [out([probe('confident-right', NaN)], 'softmax', logLine)], compileLocation: compile });
  assert.deepEqual(findings.filter((f) => f.code === 'nan-prone-loss').map((f) => f.location), [logLine]);
});

test('evidence from the profiled steps: outputs that never pass 0.99 make it an info (far from saturation); some examples past 0.99 keep the warning with their share', () => {
  const steps = (shares: number[]) => shares.map((saturatedShare, step) => ({ step, loss: 1, layers: [{ name: 'head', saturatedShare }] })) as never;
  const reading = [out([probe('confident-right', NaN)], 'softmax', logLine)];
  const [distant] = nanProneLossFindings(reading, compile, steps([0, 0, 0]));
  assert.equal(distant.severity, 'info');
  assert.match(distant.message, /No example's output passed 0\.99 in the 2 profiled steps, so this run is far from there/);
  const [committed] = nanProneLossFindings(reading, compile, steps([0.5, 0.375, 0.25]));
  assert.equal(committed.severity, 'warning');
  assert.match(committed.message, /Already 50 % of the examples' outputs passed 0\.99 in the profiled steps/);
  // No share measured for this layer (e.g. a tf.layers.softmax() output): the probe's reading alone, a warning.
  assert.equal(nanProneLossFindings(reading, compile, [{ step: 0, loss: 1, layers: [] }] as never)[0].severity, 'warning');
});
