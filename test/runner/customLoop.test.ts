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

test('a core-API loop over scalar variables updates no model: stopped at its first update and its four variables profiled on their creation line (runner/variableProfile.ts)', async () => {
  const file = F('core-api-variables.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.error, undefined, report.error?.message);
  assert.deepEqual(report.layers.map((l) => `${l.className}@${l.line}`), Array(4).fill(`tf.variable@${lineOf(file, 'L:vars')}`));
  assert.match(report.discoveryNote ?? '', new RegExp(`trains 4 tf\\.variables with its own loop \\(optimizer\\.minimize\\(\\) at core-api-variables\\.js:${lineOf(file, 'L:minimize')}\\)`));
});

test('a core-API loop in an async main with variableGrads + applyGradients: the applyGradients line and the first variable\'s line', async () => {
  const file = F('core-api-async-apply.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, new RegExp(`trains 2 tf\\.variables with its own loop \\(optimizer\\.applyGradients\\(\\) at core-api-async-apply\\.js:${lineOf(file, 'L:apply')}, the first created at core-api-async-apply\\.js:${lineOf(file, 'L:w')}\\)`));
  assert.equal(report.error!.location?.line, lineOf(file, 'L:apply'));
});
