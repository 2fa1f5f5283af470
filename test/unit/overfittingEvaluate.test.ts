// overfitting on validation the script computes itself (core/overfittingRule.ts observeValidation): its own
// model.evaluate() readings on held-out rows, each paired with the training loss since the previous one, judged as
// fit()'s val_loss is — the same closed-form curves fire and stay quiet; fit()'s val_loss wins when a run has both;
// a test set evaluated once does not replace the validation set evaluated every epoch; too few readings are information.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OverfittingWatch, OVERFITTING, validationSourceText } from '../../src/core/overfittingRule';
import { WatchRules } from '../../src/core/watchRules';
import type { Finding, LayerInfo } from '../../src/core/protocol';
import type { WatchValidation } from '../../src/core/watchProtocol';

const at = (line: number) => ({ file: '/w/train.js', line, column: 1 });
const layers: LayerInfo[] = [{ name: 'big', className: 'Dense', location: at(9), weights: [{ name: 'big/kernel', shape: [784, 30], trainable: true }] }];
const EVERY = 50;
const falling = (i: number) => 2 * Math.exp(-i / 8);
const uShape = (i: number) => 0.5 + 0.002 * (i - 10) ** 2;

const reading = (i: number, val: number, train: number, key = 'val', line = 42, rows = 200): WatchValidation => ({
  step: (i + 1) * EVERY - 1,
  epoch: 0,
  source: 'evaluate',
  loss: val,
  trainLoss: train,
  key,
  rows,
  file: '/w/train.js',
  line,
  column: 5,
});

function judge(val: (i: number) => number, n: number, watch = new OverfittingWatch(layers)): { online: Finding[]; end: Finding[] } {
  const online: Finding[] = [];
  for (let i = 0; i < n; i++) online.push(...watch.observeValidation(reading(i, val(i), falling(i))));
  return { online, end: watch.atEnd() };
}

test("evaluate() readings passing their minimum under a falling training loss: fit's U-curve result, naming the evaluate() line", () => {
  const { online, end } = judge(uShape, 30);
  assert.equal(online.length, 1, JSON.stringify(online));
  const f = online[0];
  assert.equal(f.severity, 'warning');
  // As fit's val_loss (overfittingRule.test.ts): the running median of 3 makes reading 10 (1-based) the lowest; confirmed at 17.
  assert.equal(f.step, 10 * EVERY - 1);
  assert.deepEqual(f.location, at(9));
  assert.match(f.message, /Overfitting from evaluation 10: the validation loss \(model\.evaluate\(\) at train\.js:42 \(200 rows\); running median of 3 readings\) passed its lowest 0\.5/);
  assert.match(f.message, /rose to 0\.57 by evaluation 17/);
  assert.match(f.message, /stop near step 499/);
  assert.deepEqual(end, []);
});

test('near misses stay quiet on evaluate() readings too: a rise to GL 4.8 %, a validation loss that rises with the training loss', () => {
  // Falls to 1.0 at reading 10, then rises to 1.048 and stays: GL 4.8 % < α = 5.
  const plateau = (i: number) => (i <= 10 ? 2 - 0.1 * i : 1.048);
  assert.deepEqual(judge(plateau, 30).online, []);
  const watch = new OverfittingWatch(layers);
  const online: Finding[] = [];
  // Both rise after reading 10 (instability, not overfitting).
  for (let i = 0; i < 30; i++) online.push(...watch.observeValidation(reading(i, uShape(i), i <= 10 ? falling(i) : falling(10) * (1 + 0.1 * (i - 10)))));
  assert.deepEqual(online, []);
});

test("the never-carried-over form on evaluate() readings: training ×1e-3 while the held-out loss stays at its first", () => {
  const watch = new OverfittingWatch(layers);
  for (let i = 0; i < 10; i++) watch.observeValidation(reading(i, 1 + 0.01 * Math.sin(i), Math.pow(10, -i / 3)));
  const end = watch.atEnd();
  assert.equal(end.length, 1);
  assert.equal(end[0].severity, 'warning');
  assert.match(end[0].message, /over 10 evaluations the training loss fell/);
  assert.match(end[0].message, /model\.evaluate\(\) at train\.js:42/);
});

test("fit()'s val_loss is followed when a run has both, and a test set evaluated once does not replace the validation set", () => {
  // fit's val_loss is flat (quiet) while an evaluate() set would fire: the framework's validation wins.
  const both = new OverfittingWatch(layers);
  const online: Finding[] = [];
  for (let i = 0; i < 30; i++) {
    online.push(...both.observe({ epoch: i, step: (i + 1) * EVERY - 1, logs: { loss: falling(i), val_loss: 0.5 } }));
    online.push(...both.observeValidation(reading(i, uShape(i), falling(i))));
  }
  assert.deepEqual(online, []);
  // A validation set read every time and a test set read once (another key): the validation set is judged.
  const sets = new OverfittingWatch(layers);
  sets.observeValidation(reading(0, 9, 2, 'test', 80, 1000));
  const fired = judge(uShape, 30, sets).online;
  assert.equal(fired.length, 1);
  assert.match(fired[0].message, /train\.js:42 \(200 rows\)/);
});

test(`fewer than ${OVERFITTING.minEpochs} evaluate() readings: information naming them, no verdict; none at all: the next step names evaluate()`, () => {
  const few = judge(uShape, 1);
  assert.deepEqual(few.online, []);
  assert.equal(few.end.length, 1);
  assert.equal(few.end[0].severity, 'info');
  assert.match(few.end[0].message, /cannot be judged: model\.evaluate\(\) at train\.js:42 \(200 rows\) gave 1 validation reading during training/);
  const none = new OverfittingWatch(layers);
  for (let e = 0; e < 5; e++) none.observe({ epoch: e, step: e, logs: { loss: falling(e) } });
  const [info] = none.atEnd();
  assert.equal(info.severity, 'info');
  assert.match(info.message, /report no validation loss \(val_loss\), and the script evaluates no held-out rows/);
  assert.match(info.message, /model\.evaluate\(xVal, yVal\)/);
});

test('WatchRules passes evaluate() readings to the rule, and ignores them after a divergence or NaN', () => {
  const rules = new WatchRules(layers);
  const online: Finding[] = [];
  for (let i = 0; i < 30; i++) online.push(...rules.observeValidation(reading(i, uShape(i), falling(i))));
  assert.equal(online.filter((f) => f.code === 'overfitting').length, 1);
  const broken = new WatchRules(layers);
  broken.nonFinite(0, 'big', 'forward', '');
  assert.deepEqual([...Array(30).keys()].flatMap((i) => broken.observeValidation(reading(i, uShape(i), falling(i)))), []);
});

test('the source as the panel and findings name it', () => {
  assert.equal(validationSourceText('fit'), "fit()'s val_loss");
  assert.equal(validationSourceText('evaluate', { file: 'C:\\w\\train.js', line: 7 }, 64), 'model.evaluate() at train.js:7 (64 rows)');
  assert.equal(validationSourceText('evaluateDataset'), 'model.evaluateDataset()');
});
