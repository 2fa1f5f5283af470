// A script that trains with its own loop (tf.variableGrads + optimizer.applyGradients, or optimizer.minimize)
// never calls fit(): the runner stops it at its first update of a model's weights and profiles that model
// (bench/realworld batch 5: a game DQN). Fixtures written here, in test/fixtures/runner/custom-loop.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, profile } from './helpers';

const F = (f: string) => fixture('custom-loop', f);

test('a DQN trained by variableGrads + applyGradients: the online network (not the target built at the same lines) is profiled, and the note names the update line', async () => {
  const file = F('dqn-variablegrads.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.error, undefined, report.error?.message);
  assert.deepEqual(report.layers.map((l) => `${l.className}@${l.line}`), [`Dense@${lineOf(file, 'L:hidden')}`, `Dense@${lineOf(file, 'L:out')}`]);
  assert.equal(report.discovery, 'training-script');
  assert.match(report.discoveryNote ?? '', new RegExp(`its optimizer update at dqn-variablegrads\\.js:${lineOf(file, 'L:apply')}\\), not fit\\(\\)`));
});

test('a synchronous top-level loop with optimizer.minimize is stopped at its first update and its model profiled', async () => {
  const file = F('sync-minimize.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.error, undefined, report.error?.message);
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(file, 'L:model'), lineOf(file, 'L:model')]);
  assert.match(report.discoveryNote ?? '', new RegExp(`sync-minimize\\.js:${lineOf(file, 'L:minimize')}`));
});

test('near miss: a core-API loop over scalar variables updates no model: it runs to its end and nothing is profiled', async () => {
  const { report } = await profile(F('core-api-variables.js'), { steps: 1 });
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /^No model found: /);
  assert.deepEqual(report.layers, []);
});
