// "No model found" for a module that exports only a class (bench/realworld: an LSTM bot core, an RL agent,
// a game evaluator, a grid-search library): the message names the class and what to export instead; a
// module without classes keeps the plain message.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, pool, profile } from './helpers';

const files = [fixture('discovery', 'class-only.js'), fixture('discovery', 'settings-only.js')];
const runs = pool(files, 2, (f) => profile(f, { steps: 1 }));

test('a module exporting only a class → no-model naming the class and the factory to export', async () => {
  const { report } = (await runs)[0];
  assert.equal(report.error?.kind, 'no-model');
  assert.match(
    report.error!.message,
    /^No model found: .* The module exports class PolicyAgent: Gradient Lens does not construct classes unasked \(their constructors need arguments it cannot know\)\. To construct one, name it and its constructor's arguments: --export PolicyAgent --args '\[…\]'; or export a function that returns the model, or profile the file that creates and trains it\.$/,
  );
});

test('near miss: no class among the exports → the plain message, nothing about classes', async () => {
  const { report } = (await runs)[1];
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /^No model found: /);
  assert.doesNotMatch(report.error!.message, /class/);
});
