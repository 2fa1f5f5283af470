// Reading an exported function's parameters: which are callbacks (a no-op is passed) and which need
// arguments from the user.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultArguments, parameterInfo, trainsInItsText } from '../../src/runner/entryPoints';

type Fn = (...args: unknown[]) => unknown;
/** The functions as a user's module would define them (as source: their parameters are never used here). */
const from = (source: string) => new Function(`return (${source})`)() as Fn;
const fns = {
  byName: from('function fit(onTrainEnd) {}'),
  byCall: from('function train(finish) { setTimeout(() => finish(1), 0); }'),
  byApply: from('(report) => report.call(null, 1)'),
  units: from('function createModel(units) { return units; }'),
  mixed: from('function build(units, onDone) {}'),
  destructured: from('function train({ epochs }) {}'),
  optional: from('function train(epochs = 5, callback) {}'),
  method: from('({ train(progressCallback) {} }).train'),
};

test('callbacks are recognised by name or by being called; others are not', () => {
  assert.deepEqual(parameterInfo(fns.byName), [{ text: 'onTrainEnd', callback: true }]);
  assert.deepEqual(parameterInfo(fns.byCall), [{ text: 'finish', callback: true }]);
  assert.deepEqual(parameterInfo(fns.byApply), [{ text: 'report', callback: true }]);
  assert.deepEqual(parameterInfo(fns.units), [{ text: 'units', callback: false }]);
  assert.deepEqual(parameterInfo(fns.destructured).map((p) => p.callback), [false]);
  assert.deepEqual(parameterInfo(fns.method), [{ text: 'progressCallback', callback: true }]);
});

test('default arguments: no-ops for callbacks, none for optional parameters, undefined when a value is needed', () => {
  const forCallback = defaultArguments(fns.byName)!;
  assert.deepEqual(forCallback.callbacks, ['onTrainEnd']);
  assert.equal(typeof forCallback.args[0], 'function');
  assert.equal((forCallback.args[0] as Fn)(), undefined);
  assert.deepEqual(defaultArguments(fns.optional), { args: [], callbacks: [] });
  assert.equal(defaultArguments(fns.units), undefined);
  assert.equal(defaultArguments(fns.mixed), undefined);
  assert.equal(defaultArguments(fns.destructured), undefined);
});

test('a function trains in its text when it calls fit, fitDataset or trainOnBatch', () => {
  assert.equal(trainsInItsText(from('(m) => m.fit()')), true);
  assert.equal(trainsInItsText(from('async (m, ds) => { await m.fitDataset(ds); }')), true);
  assert.equal(trainsInItsText(from('(m) => m.fitness')), false);
});
