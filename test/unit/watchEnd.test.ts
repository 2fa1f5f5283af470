// The host's end-of-run verdict for a watched runner that was killed (core/watchEnd.ts WatchEvidence) is the
// runner's: the same rules, built from the same model message, fed the messages as they travel (encoded and
// decoded), give the same atEnd findings as rules fed the runner's own calls; a NaN reported by the runner stops
// both (nothing after it is evidence), and a run whose model message never arrived gets nothing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WatchEvidence, watchPlan, watchRulesFor } from '../../src/core/watchEnd';
import { decodeRunnerMessage, encodeMessage, type RunnerMessage, type RunnerMessageOf } from '../../src/core/protocol';
import type { WatchStep } from '../../src/core/watchProtocol';

const at = (line: number) => ({ file: '/train.js', line, column: 1 });
const MODEL: RunnerMessageOf<'model'> = {
  type: 'model',
  modelName: 'm',
  className: 'Sequential',
  discovery: 'training-script',
  dataSource: 'fit',
  dataNote: 'fit()',
  loss: 'categoricalCrossentropy',
  optimizer: 'SGDOptimizer',
  batchSize: 32,
  totalSteps: 100,
  layers: [{ name: 'd1', className: 'Dense', activation: 'relu', location: at(3), weights: [{ name: 'd1/kernel', shape: [4, 4], trainable: true }] }],
  compileLocation: at(9),
  optimizerLocation: at(8),
  plannedSteps: 100,
  sameBatch: false,
};
const step = (n: number, loss: number): WatchStep => ({ step: n, epoch: Math.floor(n / 20), loss, layers: [{ name: 'd1', gradNorm: 0.1, deadShare: 0 }] });
/** A flat loss with sampling noise: loss-not-decreasing at the end of the run. */
const FLAT = Array.from({ length: 60 }, (_, i) => step(i, 1.1 + 0.01 * (((i * 7919) % 13) / 13)));
const travelled = (m: RunnerMessage) => decodeRunnerMessage(JSON.parse(JSON.stringify(encodeMessage(m))));

function host(messages: RunnerMessage[]) {
  const evidence = new WatchEvidence({});
  for (const m of messages) evidence.observe(travelled(m));
  return evidence.atEnd();
}

test("a flat run's end: the host's finding is the runner's, on the optimizer line", () => {
  const rules = watchRulesFor(MODEL, {});
  for (const s of FLAT) rules.observe(s);
  const plan = watchPlan(MODEL);
  const runner = rules.atEnd(plan.steps, plan.sameBatch);
  assert.deepEqual(runner.map((f) => [f.code, f.severity, f.step, f.location?.line]), [['loss-not-decreasing', 'warning', 59, 8]]);
  assert.deepEqual(host([MODEL, { type: 'watchSteps', steps: FLAT.slice(0, 25) }, { type: 'watchSteps', steps: FLAT.slice(25) }]), runner);
});

test('near miss: after a NaN the runner reported, the end says nothing (as the runner would not)', () => {
  const rules = watchRulesFor(MODEL, {});
  for (const s of FLAT.slice(0, 30)) rules.observe(s);
  const [nan] = rules.nonFinite(30, 'd1', 'forward', 'detail');
  for (const s of FLAT.slice(30)) rules.observe(s);
  assert.deepEqual(rules.atEnd(100, false), []);
  const messages: RunnerMessage[] = [MODEL, { type: 'watchSteps', steps: FLAT.slice(0, 30) }, { type: 'finding', finding: nan }, { type: 'watchSteps', steps: FLAT.slice(30) }];
  assert.deepEqual(host(messages), []);
  // Without the NaN message the same steps are judged: the finding above is what stops it.
  assert.equal(host(messages.filter((m) => m.type !== 'finding')).length, 1);
});

test('near miss: no model message (killed while loading), no verdict', () => {
  assert.deepEqual(host([{ type: 'watchSteps', steps: FLAT }]), []);
});
