// class-imbalance (src/core/classBalance.ts) on counted labels: extreme imbalance — a class under 1 % of the labels
// and at least 4× below the largest (Google's ML Crash Course degrees) — fires; mild/moderate imbalance, balanced
// many-class sets, classes absent altogether and outputs whose labels are not classes stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classImbalance, EXTREME_SHARE, IMBALANCE_RATIO } from '../../src/core/classBalance';
import type { OutputInfo } from '../../src/core/protocol';

const at = (line: number) => ({ file: '/m.js', line, column: 1 });
const softmax: OutputInfo = { layer: 'head', activation: 'softmax', loss: 'categoricalCrossentropy', units: 10, labelMeanSquare: 0.1, labelVariance: 0.09 };
const sigmoid: OutputInfo = { layer: 'head', activation: 'sigmoid', loss: 'binaryCrossentropy', units: 1, labelMeanSquare: 0.3, labelVariance: 0.2 };
const run = (counts: number[] | undefined, output = softmax, withSites = true) =>
  classImbalance([output], { classCounts: [counts], ...(withSites ? { dataLocations: { targets: [at(7)], call: at(12) } } : { compileLocation: at(10) }) });

test('the bars: under 1 % of the labels, and at least 4× below the largest class', () => {
  assert.equal(EXTREME_SHARE, 0.01);
  assert.equal(IMBALANCE_RATIO, 4);
});

test("TheDeepChecker's unbalanced MNIST (1, 1, 2, 3, 4, 5 of digits 0-5 per 100 of 6-9): one warning naming every rare class", () => {
  const [finding, ...more] = run([1, 1, 2, 3, 4, 5, 100, 100, 100, 100]);
  assert.equal(more.length, 0);
  assert.equal(finding.code, 'class-imbalance');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, at(7));
  assert.deepEqual(finding.related?.map((r) => r.location?.line), [12]);
  assert.match(finding.message, /of the 416 labels .* class 0 has 1 \(0\.24 %\), class 1 has 1 \(0\.24 %\), class 2 has 2 \(0\.48 %\), class 3 has 3 \(0\.72 %\), class 4 has 4 \(0\.96 %\), while class 6 has 100 — 100× the rarest/);
  // Class 5 (5 of 416 = 1.2 %) is moderate, not extreme: not named.
  assert.doesNotMatch(finding.message, /class 5 has/);
  assert.match(finding.message, /One example in 416 is class 0/);
  // Without the data's lines: at compile().
  assert.deepEqual(run([1, 1, 2, 3, 4, 5, 100, 100, 100, 100], softmax, false)[0].location, at(10));
});

test('a rare label of a one-unit sigmoid output fires as "label 1"', () => {
  const [finding] = run([995, 5], sigmoid);
  assert.match(finding?.message ?? '', /label 1 has 5 \(0\.5 %\), while label 0 has 995/);
});

test('near misses: 60/40, moderate imbalance (2 %), a balanced 200-class set, a class that never occurs, small sets, no counts', () => {
  assert.deepEqual(run([180, 120], sigmoid), []);
  assert.deepEqual(run([980, 20], sigmoid), []);
  assert.deepEqual(run(new Array(200).fill(5)), []);
  assert.deepEqual(run([0, 30, 30, 30, 30, 30, 30, 30, 30, 30]), []);
  // Under 100 labels no present class can be under 1 %.
  assert.deepEqual(run([1, 10, 10, 10, 10, 10, 10, 10, 10, 10]), []);
  assert.deepEqual(run(undefined), []);
  // Just under 1 % but only 3× below the largest (a many-class set with uneven counts): quiet.
  const uneven = [...new Array(60).fill(1), ...new Array(60).fill(3)];
  assert.deepEqual(run(uneven), []);
});
