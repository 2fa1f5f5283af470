// Reading an exported function's parameters: which are callbacks (a no-op is passed) and which need
// arguments from the user.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultArguments, parameterInfo, trainsInItsText } from '../../src/runner/entryPoints';

type Fn = (...args: unknown[]) => unknown;
/* eslint-disable @typescript-eslint/no-unused-vars */
const fns = {
  byName: function fit(onTrainEnd: Fn) {},
  byCall: function train(finish: Fn) {
    setTimeout(() => finish(1), 0);
  },
  byApply: (report: Fn) => report.call(null, 1),
  units: function createModel(units: number) {
    return units;
  },
  mixed: function build(units: number, onDone: Fn) {},
  destructured: function train({ epochs }: { epochs: number }) {},
  optional: function train(epochs = 5, callback?: Fn) {},
  method: { train(progressCallback: Fn) {} }.train,
};

test('callbacks are recognised by name or by being called; others are not', () => {
  assert.deepEqual(parameterInfo(fns.byName as Fn), [{ text: 'onTrainEnd', callback: true }]);
  assert.deepEqual(parameterInfo(fns.byCall as Fn), [{ text: 'finish', callback: true }]);
  assert.deepEqual(parameterInfo(fns.byApply as Fn), [{ text: 'report', callback: true }]);
  assert.deepEqual(parameterInfo(fns.units as Fn), [{ text: 'units', callback: false }]);
  assert.deepEqual(parameterInfo(fns.destructured as Fn).map((p) => p.callback), [false]);
  assert.deepEqual(parameterInfo(fns.method as Fn), [{ text: 'progressCallback', callback: true }]);
});

test('default arguments: no-ops for callbacks, none for optional parameters, undefined when a value is needed', () => {
  const forCallback = defaultArguments(fns.byName as Fn)!;
  assert.deepEqual(forCallback.callbacks, ['onTrainEnd']);
  assert.equal(typeof forCallback.args[0], 'function');
  assert.equal((forCallback.args[0] as Fn)(), undefined);
  assert.deepEqual(defaultArguments(fns.optional as Fn), { args: [], callbacks: [] });
  assert.equal(defaultArguments(fns.units as Fn), undefined);
  assert.equal(defaultArguments(fns.mixed as Fn), undefined);
  assert.equal(defaultArguments(fns.destructured as Fn), undefined);
});

test('a function trains in its text when it calls fit, fitDataset or trainOnBatch', () => {
  assert.equal(trainsInItsText((m: { fit(): void }) => m.fit()), true);
  assert.equal(trainsInItsText((m: { fitDataset(d: number): void }) => m.fitDataset(1)), true);
  assert.equal(trainsInItsText((m: { fitness: number }) => m.fitness), false);
});
