// Which findings relate which definitions (src/core/originSites.ts): the data a finding's tensor was made from, the
// loss function compile() was given — and which do not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { withOriginSites } from '../../src/core/originSites';
import type { DataLocations, Finding } from '../../src/core/protocol';

const file = '/w/train.js';
// protocol locations carry a column; 1 where the test does not care which.
const at = (line: number, column = 1) => ({ file, line, column });
// fit(tf.tensor2d(features), tf.tensor2d(targets)) on line 25: two tensors, one line, told apart by column.
const data: DataLocations = {
  call: at(25, 7),
  inputs: [at(25, 14)],
  targets: [at(25, 40)],
  inputOrigins: [[{ ...at(16, 18), name: 'features' }]],
  targetOrigins: [[{ ...at(17, 17), name: 'targets' }]],
};
const finding = (code: Finding['code'], location?: ReturnType<typeof at>, layer?: string): Finding => ({ code, severity: 'warning', message: 'm', ...(location ? { location } : {}), ...(layer ? { layer } : {}) });
// Every related line of the script (definitions, the inputs' line), not layers.
const definitions = (f: Finding) => (f.related ?? []).filter((r) => r.kind !== undefined).map((r) => `${r.layer}@${r.location?.line}`);

test('a finding on the targets tensor relates the targets\' definition, not the inputs\'', () => {
  const [target, input] = withOriginSites([finding('unscaled-target', at(25, 40)), finding('unscaled-input', at(25, 14))], { dataLocations: data });
  assert.deepEqual(definitions(target), ['`targets`@17']);
  assert.deepEqual(definitions(input), ['`features`@16']);
});

test('labels-unrelated is about the pairing: both sides\' definitions', () => {
  const [f] = withOriginSites([finding('labels-unrelated', at(25, 40))], { dataLocations: data });
  assert.deepEqual(definitions(f), ['`features`@16', '`targets`@17']);
});

test('a loss-function finding on compile() relates the loss\'s definition; other codes on compile() do not', () => {
  const context = { compileLocation: at(29, 7), lossDefinition: { ...at(28, 14), name: 'loss' } };
  const [f, g] = withOriginSites([finding('loss-function', at(29, 7)), finding('loss-not-decreasing', at(29, 7))], context);
  assert.deepEqual(definitions(f), ['`loss`@28']);
  assert.equal(f.related?.[0].message.includes('loss function'), true);
  assert.deepEqual(definitions(g), []);
});

test('by location: a finding that also names a layer (labels-unrelated names the output layer) still relates them', () => {
  const [f] = withOriginSites([finding('labels-unrelated', at(25, 40), 'dense_3')], { dataLocations: data });
  assert.deepEqual(definitions(f), ['`features`@16', '`targets`@17']);
});

test('near misses: a finding without a location, one on another line or column, a definition on the finding\'s own line', () => {
  const same: DataLocations = { ...data, targetOrigins: [[{ ...at(25, 50), name: 'inline' }]] };
  const out = withOriginSites([finding('unscaled-target', undefined, 'dense_1'), finding('unscaled-target', at(30)), finding('unscaled-target', at(25, 3)), finding('unscaled-target', at(25, 40))], { dataLocations: same });
  assert.deepEqual(out.map(definitions), [[], [], [], []]);
  const plain = finding('class-imbalance', at(25, 40));
  assert.equal(withOriginSites([plain], {})[0], plain, 'unchanged without data locations');
});

test('a finding that relates the inputs\' tensor as where the fix goes (unscaled-input on its first layer) relates their definitions too', () => {
  const onLayer: Finding = { ...finding('unscaled-input', at(31), 'dense_1'), related: [{ layer: 'inputs', location: at(25, 14), message: 'the unscaled inputs given to fit(), made here', kind: 'inputs' }] };
  const [f] = withOriginSites([onLayer], { dataLocations: data });
  assert.deepEqual(definitions(f), ['inputs@25', '`features`@16']);
  // The message names the tensor's line (25), not the finding's own (31).
  assert.match(f.related!.find((r) => r.layer === '`features`')!.message, /line 25\)/);
  // Near misses: a related layer elsewhere, or on the tensors' line at another column (neither tensor), relates nothing.
  // Nor the plan's site, a definition on the inputs' own site when no line made them (the fit() call).
  const elsewhere: Finding = { ...finding('saturation', at(31), 'dense_1'), related: [{ layer: 'dense_2', location: at(32), message: 'm' }, { layer: 'x', location: at(25, 3), message: 'm' }, { layer: 'the training plan', location: at(25, 14), message: 'm', kind: 'plan' }] };
  assert.equal(withOriginSites([elsewhere], { dataLocations: data })[0], elsewhere, 'nothing added');
});

test('by kind, not name: a layer the user named `inputs` on the tensors\' line is a layer, no data site; the inputs\' line is one whatever it is called', () => {
  // The layer sits on another column of line 25: as a layer it is no tensor site, so it relates no definition.
  const layerNamedInputs: Finding = { ...finding('saturation', at(31), 'dense_1'), related: [{ layer: 'inputs', location: at(25, 3), message: 'm' }] };
  assert.equal(withOriginSites([layerNamedInputs], { dataLocations: data })[0], layerNamedInputs);
  // The inputs' site under another display name still relates the inputs' definitions.
  const renamed: Finding = { ...finding('unscaled-input', at(31), 'dense_1'), related: [{ layer: 'x_train', location: at(25, 14), message: 'made here', kind: 'inputs' }] };
  assert.deepEqual(definitions(withOriginSites([renamed], { dataLocations: data })[0]), ['x_train@25', '`features`@16']);
});

test('a NaN/Inf first seen in the loss (on compile()) relates the loss\'s definition; one first seen elsewhere does not', () => {
  const context = { compileLocation: at(29, 7), lossDefinition: { ...at(28, 14), name: 'myLoss' } };
  const inLoss: Finding = { ...finding('non-finite', at(29, 7)), phase: 'loss' };
  const [f] = withOriginSites([inLoss], context);
  assert.deepEqual(definitions(f), ['`myLoss`@28']);
  assert.match(f.related![0].message, /where the NaN\/Inf first appeared/);
  // Near misses: the same finding without its phase, a backward origin placed on compile(), and a built-in loss (no definition).
  const [noPhase, backward] = withOriginSites([finding('non-finite', at(29, 7)), { ...finding('non-finite', at(29, 7)), phase: 'backward' }], context);
  assert.deepEqual([definitions(noPhase), definitions(backward)], [[], []]);
  assert.equal(withOriginSites([inLoss], { compileLocation: at(29, 7) })[0], inLoss);
});
