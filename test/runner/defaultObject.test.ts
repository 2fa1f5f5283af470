// `export default { getModel }` (bench/realworld batch 11: a Vue project's VGG-style CNN and its GAN discriminator
// both ended in "No model found"): the default export is an object literal holding the module's functions, which the
// app calls as `imported.getModel(size)` — its one function is the factory, called with --args like any other; of
// several, --export names one, and unasked the message lists them. Plain settings stay "no model".
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, pool, profile } from './helpers';

const F = (f: string) => fixture('default-object', f);
const requests: Array<[string, { args?: unknown[]; exportName?: string }]> = [
  [F('vue-style.js'), { args: [8] }],
  [F('vue-style.js'), {}],
  [F('no-args.mjs'), {}],
  [F('two-functions.mjs'), {}],
  [F('two-functions.mjs'), { exportName: 'narrow' }],
  [F('settings.mjs'), {}],
];
const runs = pool(requests, 2, ([file, request]) => profile(file, { steps: 1, ...request }));
const run = async (i: number) => (await runs)[i];
const lines = (report: Awaited<ReturnType<typeof run>>['report']) => report.layers.map((l) => `${l.className}:${l.line}`);

test('ES-module syntax in a bundler project, `export default { getModel }` with --args → profiled as the factory getModel, every layer on its line (was "No model found")', async () => {
  const { report } = await run(0);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.discovery, 'factory');
  assert.equal(report.exportName, 'getModel');
  const file = F('vue-style.js');
  assert.deepEqual(lines(report), [`Conv2D:${lineOf(file, 'L:conv')}`, `Flatten:${lineOf(file, 'L:flatten')}`, `Dense:${lineOf(file, 'L:out')}`]);
});

test('the same without --args → needs-args naming the parameter, as for a named factory', async () => {
  const { report } = await run(1);
  assert.equal(report.error?.kind, 'needs-args');
  assert.match(report.error!.message, /^The factory "getModel" needs arguments \(imageSize\)\. Pass them as a JSON array with --args/);
});

test('an .mjs default object holding one function beside a setting → that function is the factory', async () => {
  const { report } = await run(2);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.exportName, 'buildNetwork');
  const file = F('no-args.mjs');
  assert.deepEqual(lines(report), [`Dense:${lineOf(file, 'L:hidden')}`, `Dense:${lineOf(file, 'L:out')}`]);
});

test('near miss: two functions in the default object, neither named as a factory → not guessed; the message lists them and says --export', async () => {
  const { report } = await run(3);
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /The default export is an object with the functions wide, narrow: if one builds the model, choose it with --export NAME \(and --args for its parameters\)\.$/);
});

test('--export names a function of the default object → that one is profiled', async () => {
  const { report } = await run(4);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual(lines(report), [`Dense:${lineOf(F('two-functions.mjs'), 'L:narrow')}`]);
});

test('near miss: a default object of plain settings → the plain "No model found", nothing about a default object', async () => {
  const { report } = await run(5);
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /^No model found: /);
  assert.doesNotMatch(report.error!.message, /default export is an object/);
});
