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
const run = (counts: number[] | undefined, output = softmax, withSites = true, inputTokenCounts?: number[][]) =>
  classImbalance([output], { classCounts: [counts], inputTokenCounts, ...(withSites ? { dataLocations: { targets: [at(7)], call: at(12) } } : { compileLocation: at(10) }) });

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

// Next-character labels over 27 tokens ('.' = 0 ends every word) with the six rare letters' counts makemore's names give
// (class 17: 219, 24: 558, 6: 714, 23: 750, 16: 821, 7: 1551; the other counts are illustrative), and input characters
// three times as many, skewed alike.
const letters = [22783, 27167, 2606, 3730, 4941, 17133, 714, 1551, 6125, 14068, 2000, 4051, 11064, 5276, 15219, 6427, 821, 219, 10154, 6509, 6431, 2431, 2139, 750, 558, 7888, 2097];
const vocabularyOf = (n: number) => letters.map((c) => c * n);
const textOutput: OutputInfo = { ...softmax, units: 27 };

test('a next-token model: its rare classes as rare among its input tokens of the same vocabulary → information, no action', () => {
  const [finding, ...more] = run(letters, textOutput, true, [vocabularyOf(3)]);
  assert.equal(more.length, 0);
  assert.equal(finding.severity, 'info');
  assert.match(finding.message, /class 17 has 219 \(0\.12 %\)/);
  assert.match(finding.message, /same 27-token vocabulary it predicts, and these classes are as rare among its 554556 input tokens \(class 17: 0\.12 % of the labels, 0\.12 % of the input tokens\)/);
  assert.match(finding.message, /No action needed/);
});

test('near misses of the next-token reading: a class rare in the labels but common in the inputs, another vocabulary, no token inputs → warning', () => {
  // A selection cut class 1 (the commonest letter) down to 150 labels; the input characters still hold it at 15 %.
  const cut = letters.map((c, i) => (i === 1 ? 150 : c));
  assert.equal(run(cut, textOutput, true, [vocabularyOf(3)])[0]?.severity, 'warning');
  // Input tokens of another vocabulary (a 30-token input for 27 classes): not the labels' own tokens.
  assert.equal(run(letters, textOutput, true, [[...vocabularyOf(3), 5, 5, 5]])[0]?.severity, 'warning');
  assert.equal(run(letters, textOutput)[0]?.severity, 'warning');
  // TheDeepChecker's unbalanced MNIST with a (hypothetical) token input of its 10 classes in which the digits are balanced.
  assert.equal(run([1, 1, 2, 3, 4, 5, 100, 100, 100, 100], softmax, true, [new Array(10).fill(400)])[0]?.severity, 'warning');
});

test('a next-token model whose text ends on a word it never reads (predicted once, absent from the inputs) is still the text\'s skew → information', () => {
  // wenjalan/tensorflow-js-nlg: the last token of Fox in Socks follows a window once and is in no window.
  const labels = [...letters.slice(0, 26), 1];
  const tokens = [...vocabularyOf(3).slice(0, 26), 0];
  const [finding] = run(labels, textOutput, true, [tokens]);
  assert.equal(finding?.severity, 'info', finding?.message);
  // Near miss: the same final class common among the inputs (a selection dropped it from the labels) keeps the warning.
  assert.equal(run(labels, textOutput, true, [[...vocabularyOf(3).slice(0, 26), 60000]])[0]?.severity, 'warning');
});
