// Standardising the inputs judged over draws of the model's own initializers (core/scaleRules.ts helpsOverDraws,
// core/inputRules.ts): when standardising helps in the profile's draw, the runner re-runs both runs from fresh draws, and
// the warning needs most of the fresh draws to show the same help (the profile's draw, selected for helping, is not counted).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { helpsOverDraws, judgeScaling, type RedrawnRun, type ScaleProbe } from '../../src/core/scaleRules';
import { unscaledInput } from '../../src/core/inputRules';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import type { LayerInfo, OutputInfo } from '../../src/core/protocol';
import type { HealthContext, StepRecord } from '../../src/core/healthModel';

const at = (line: number) => ({ file: '/m.js', line, column: 3 });
const dense = (name: string, line: number, activation = 'linear'): LayerInfo => ({ name, className: 'Dense', activation, location: at(line), weights: [{ name: `${name}/kernel`, shape: [3, 12], trainable: true }] });
/** A profile whose loss follows `losses`, the first layer one-signed on `oneSigned` of its units at every step. */
const profile = (losses: number[], oneSigned = 0.9): StepRecord[] =>
  losses.map((loss, step) => ({ step, loss, layers: [{ name: 'dense1', gradNorm: 1, weights: [], deadShare: oneSigned / 2, activeShare: oneSigned / 2 }] }));
const line = (from: number, to: number, n = 20) => Array.from({ length: n + 1 }, (_, i) => from + ((to - from) * i) / n);
const regression: OutputInfo = { layer: 'head', activation: 'linear', loss: 'meanSquaredError', units: 1, labelMeanSquare: 2, labelVariance: 1 };
const layers = [dense('dense1', 8, 'relu'), dense('head', 9)];
const context = (probe: ScaleProbe): HealthContext => ({ outputs: [regression], inputScale: { rms: 2100, feature: 2, maxAbs: 19000 }, scaleProbe: probe });
const run = (given: [number, number], standardized: [number, number]): RedrawnRun => ({ given: line(...given), standardized: line(...standardized) });
/** ztm-btc-conv1d's numbers (shares of the no-input loss, 9 runs on bb9a79e): as given the lowest reached 0.04–0.27 by the
 *  draw, standardised 0.07–0.12; "at most half" held in the four draws whose run as given stopped near 0.27. */
const helped = run([1.0, 0.27], [1.08, 0.1]);
const notHelped = [run([0.8, 0.04], [0.83, 0.07]), run([0.9, 0.1], [1.0, 0.09]), run([1.0, 0.15], [1.07, 0.11])];
const probeOf = (redrawnRuns?: RedrawnRun[]): ScaleProbe => ({ standardized: 'inputs', losses: line(1.1, 0.1), givenBaseline: 1, ...(redrawnRuns ? { redrawnRuns } : {}) });

test('standardising clearly better in this draw but in two of four fresh ones (a tie is not most): information, saying it depends on the draw', () => {
  const probe = probeOf([notHelped[0], notHelped[1], helped, helped]);
  const judged = judgeScaling(profile(line(1.0, 0.27)), probe);
  assert.equal(judged?.better, true);
  assert.deepEqual(judged.helpedOverDraws, { helped: 2, learned: 4, draws: 4 });
  assert.equal(helpsOverDraws(judged), false);
  // The first layer one-signed at the end, and most draws learn as given: the consequence costs nothing measurable.
  const withConsequence = unscaledInput(layers, profile(line(1.0, 0.27)), DEFAULT_THRESHOLDS, context(probe));
  assert.equal(withConsequence?.severity, 'info');
  assert.match(withConsequence.message, /keep one sign .* In this draw of the initial weights the run with them standardised trains clearly better \(over 20 steps .*\), but from 4 fresh draws of the model's own initializers the same two runs show it in 2, not in most: .* depends on the initial draw, not on the program\. Most of those draws learn/);
  // Without the consequence the probe was the only evidence: information too.
  const probeOnly = unscaledInput(layers, profile(line(1.0, 0.27), 0.1), DEFAULT_THRESHOLDS, context(probe));
  assert.equal(probeOnly?.severity, 'info');
  assert.match(probeOnly.message, /but from 4 fresh draws .* show it in 2, not in most/);
});

test('near misses: three of four fresh draws helped, no fresh draws run, or most draws do not learn as given → warning', () => {
  const most = probeOf([notHelped[0], helped, helped, helped]);
  const judged = judgeScaling(profile(line(1.0, 0.27)), most);
  assert.equal(helpsOverDraws(judged!), true);
  const stays = unscaledInput(layers, profile(line(1.0, 0.27), 0.1), DEFAULT_THRESHOLDS, context(most));
  assert.equal(stays?.severity, 'warning');
  assert.match(stays.message, /Standardised, the same steps train clearly better: over 20 steps .* The same two runs from 4 fresh draws of the model's own initializers show it too in 3\./);
  // The runner drew nothing (no help in this draw, or an older runner): this draw decides, as before.
  const alone = judgeScaling(profile(line(1.0, 0.27)), probeOf());
  assert.equal(helpsOverDraws(alone!), undefined);
  assert.equal(unscaledInput(layers, profile(line(1.0, 0.27), 0.1), DEFAULT_THRESHOLDS, context(probeOf()))?.severity, 'warning');
  // Standardised only helps here, but as given no draw learns from the inputs (within 5 % of the no-input loss) and the
  // first layer stays one-signed: that consequence is the evidence left, and the warning says what the draws showed.
  const stuck = [run([1.0, 0.97], [1.0, 0.96]), run([1.0, 0.98], [1.0, 0.97]), run([1.0, 0.99], [1.0, 0.97]), helped];
  const warned = unscaledInput(layers, profile(line(1.0, 0.97)), DEFAULT_THRESHOLDS, context({ ...probeOf(stuck), losses: line(1.0, 0.5) }));
  assert.equal(warned?.severity, 'warning');
  assert.match(warned.message, /the run with them standardised is the only run that learns from the inputs .* show it in 1, not in most.* Yet most of those draws do not learn from the inputs as given/);
});
