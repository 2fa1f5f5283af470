// Patterns from real projects nobody here wrote (bench/realworld batch 3), each reproduced by a fixture of
// ours: a factory that is a method of an exported instance, a script that prints a caught error with
// console.error(e) and exits, a syntax error only V8 reports inside an ES module, and 0.x's tensor.get().
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ProfileRequest } from '../../src/core/protocol';
import { fixture, lineOf, pool, profile, type RunOutcome } from './helpers';

const F = (...parts: string[]) => fixture('real-patterns', ...parts);

const RUNS: Record<string, [string, Partial<ProfileRequest>]> = {
  method: [F('instance-method.js'), { exportName: 'build', args: [4], steps: 1 }],
  methodAuto: [F('instance-method.js'), { steps: 1 }],
  methodMissing: [F('instance-method.js'), { exportName: 'compile', steps: 1 }],
  printedError: [F('exit-after-printed-error.js'), { steps: 1 }],
  awaitInEsm: [F('esm', 'await-outside-async.js'), { steps: 1 }],
  brokenHelper: [F('esm', 'imports-broken-helper.js'), { steps: 1 }],
  validEsm: [F('esm', 'valid.js'), { steps: 1 }],
  tensorGet: [F('tensor-get-0x.js'), { steps: 1 }],
  stalled: [F('stalled-before-fit.js'), { steps: 1 }],
  inspectedError: [F('caught-inspected-error.mjs'), { steps: 1 }],
  loaded: [F('load-saved-model.js'), { exportName: 'loadSavedModel', steps: 1 }],
  loadedExtended: [F('load-saved-model.js'), { exportName: 'extendSavedModel', steps: 1 }],
  classWithFit: [F('class-with-fit.js'), { steps: 1 }],
  subclass: [F('sequential-subclass.js'), { exportName: 'QNetwork', args: [3, 2, [5, 4]], steps: 1 }],
  subclassNoArgs: [F('sequential-subclass.js'), { exportName: 'QNetwork', steps: 1 }],
  twoModels: [F('sequential-subclass.js'), { exportName: 'TwinAgent', steps: 1 }],
  subclassAuto: [F('sequential-subclass.js'), { steps: 1 }],
  csvStrings: [F('csv-strings.js'), { steps: 1 }],
  csvNumbers: [F('csv-numbers.js'), { steps: 1 }],
};
type Name = keyof typeof RUNS;
const names = Object.keys(RUNS);
const all = pool(names, 2, (n) => profile(RUNS[n][0], { ...RUNS[n][1] }));
const run = async (n: Name): Promise<RunOutcome> => (await all)[names.indexOf(n)];

test('--export names a method of an exported instance: it runs with its instance as `this` and the layers land on their lines', async () => {
  const { report } = await run('method');
  const file = F('instance-method.js');
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.discovery, 'factory');
  assert.equal(report.exportName, 'build');
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(file, 'L:hidden'), lineOf(file, 'L:out')]);
  assert.deepEqual(report.layers[0].weights[0].shape, [3, 4], '--args [4] reached the method');
});

test('without --export the instance is not called unasked, and the message lists its methods; a name it lacks is still "no export"', async () => {
  const auto = (await run('methodAuto')).report;
  assert.equal(auto.status, 'failed');
  assert.equal(auto.error?.kind, 'no-model');
  assert.match(auto.error!.message, /The module exports an instance of NetBuilder with the methods build: if one builds the model, choose it with --export NAME/);
  const missing = (await run('methodMissing')).report;
  assert.equal(missing.error?.kind, 'no-model');
  assert.match(missing.error!.message, /^The module has no export named "compile"\.$/);
});

test('a script that prints its caught error with console.error(e) and exits: the message quotes the error, not its closing "}"', async () => {
  const { report } = await run('printedError');
  assert.equal(report.error?.kind, 'user-exit');
  const message = report.error!.message;
  assert.match(message, /process\.exit\(-1\)/);
  assert.match(message, /Its last output: "Error: ENOENT: no such file or directory, open '[^']*dataset-not-downloaded\/train-images-idx3-ubyte'"\. That error is the likely cause: fix it and run again\.$/);
  assert.doesNotMatch(message, /--script-args/);
});

test('a syntax error only V8 reports, in an ES module or in a module it imports: the message has the file and line', async () => {
  const own = (await run('awaitInEsm')).report;
  const ownFile = F('esm', 'await-outside-async.js');
  assert.equal(own.error?.kind, 'syntax');
  assert.match(own.error!.message, /^Syntax error: .*await.*async/);
  assert.deepEqual([own.error?.location?.file, own.error?.location?.line], [ownFile, lineOf(ownFile, 'L:await')]);
  const helper = (await run('brokenHelper')).report;
  const helperFile = F('esm', 'broken-helper.js');
  assert.equal(helper.error?.kind, 'syntax');
  assert.deepEqual([helper.error?.location?.file, helper.error?.location?.line], [helperFile, lineOf(helperFile, 'L:await')]);
});

test('near miss: a valid ES module with top-level await profiles as before', async () => {
  const { report } = await run('validEsm');
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(F('esm', 'valid.js'), 'L:layers'), lineOf(F('esm', 'valid.js'), 'L:layers')]);
});

test("0.x's tensor.get(): the message says what replaced it, on the user's line", async () => {
  const { report } = await run('tensorGet');
  const file = F('tensor-get-0x.js');
  assert.match(report.error!.message, /a\.get is not a function\. If a is a tensor: Tensor\.get\(\) is a TensorFlow\.js 0\.x method that 1\.0 removed: read its values with a\.arraySync\(\) or a\.bufferSync\(\)\.get\(…\)/);
  assert.equal(report.error?.location?.line, lineOf(file, 'L:get'));
});

test('a script that prints a stackless caught error inside its own words ends: the message quotes that line, not the inspect output\'s closing "}"', async () => {
  const { report } = await run('inspectedError');
  assert.equal(report.error?.kind, 'no-model');
  assert.match(
    report.error!.message,
    / Its last output: "Error during training: \[Error: ENOENT: no such file or directory, open '\.\/data\/not-downloaded-train\.csv'\] \{"\. If that reports an error, it is the likely cause: fix it and run again\./,
  );
});

test('a model loaded with tf.loadLayersModel: its layers, built by TensorFlow.js after the read, are on the line that loads it; a layer added to them stays on its own line', async () => {
  const file = F('load-saved-model.js');
  const { report } = await run('loaded');
  assert.equal(report.error, undefined);
  assert.deepEqual(report.layers.map((l) => `${l.className}@${l.line}`), ['Dense', 'Dropout', 'Dense'].map((c) => `${c}@${lineOf(file, 'L:load')}`));
  assert.ok(report.layers.every((l) => l.file === file));
  const extended = (await run('loadedExtended')).report;
  assert.deepEqual(
    extended.layers.map((l) => `${l.className}@${l.line}`),
    [`Dense@${lineOf(file, 'L:reload')}`, `Dropout@${lineOf(file, 'L:reload')}`, `Dense@${lineOf(file, 'L:reload')}`, `Dense@${lineOf(file, 'L:head')}`],
  );
});

test('a script whose awaited promise never settles ends before its own fit(): the message names that line and what it printed while loading', async () => {
  const { report } = await run('stalled');
  const file = F('stalled-before-fit.js');
  assert.equal(report.error?.kind, 'no-model');
  assert.match(
    report.error!.message,
    / The program ended before any model was built or trained\. Its last output: "DB load\.\.\."\. If that reports an error, it is the likely cause: fix it and run again\. Its fit\(\) call at stalled-before-fit\.js:(\d+) was never reached: something the program waited for \(a database query, a download, an event\) never finished, or it returned before training\.$/,
  );
  assert.equal(Number(/stalled-before-fit\.js:(\d+)/.exec(report.error!.message)![1]), lineOf(file, 'L:fit'));
  // Near misses: a module that never calls fit, and one whose fit() sits in an exported class nothing called.
  assert.doesNotMatch((await run('methodAuto')).report.error!.message, /was never reached/);
  const classOnly = (await run('classWithFit')).report.error!;
  assert.equal(classOnly.kind, 'no-model');
  assert.match(classOnly.message, /The module exports class Trainer/);
  assert.doesNotMatch(classOnly.message, /was never reached/);
});

test('a data file that is a Git LFS pointer is named behind the error it causes; a real file with the same error is not', async () => {
  const lfs = await profile(F('lfs', 'train.mjs'), { steps: 1 });
  const file = F('lfs', 'train.mjs');
  assert.match(lfs.report.error!.message, /Cannot read properties of undefined \(reading 'trim'\)\. \S*data\/points\.csv is a Git LFS pointer, not the data: the repository keeps that file in Git LFS and it was never downloaded\. Run `git lfs pull` in the repository, then profile again\.$/);
  assert.equal(lfs.report.error?.location?.line, lineOf(file, 'L:parse'));
  const other = await profile(F('lfs', 'train-other-columns.mjs'), { steps: 1 });
  assert.match(other.report.error!.message, /Cannot read properties of undefined \(reading 'trim'\)/);
  assert.doesNotMatch(other.report.error!.message, /LFS/);
});

test('--export of a class constructs it with --args (a class cannot be called without new): a tf.Sequential subclass profiles, its layers on their lines', async () => {
  const { report } = await run('subclass');
  const file = F('sequential-subclass.js');
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.discovery, 'factory');
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(file, 'L:hidden'), lineOf(file, 'L:hidden'), lineOf(file, 'L:out')]);
  assert.deepEqual(report.layers[0].weights[0].shape, [3, 5], '--args reached the constructor');
});

test('near misses: a class with parameters and no --args is asked for them; an instance with two models is not guessed; unasked, no class is constructed', async () => {
  const noArgs = (await run('subclassNoArgs')).report;
  assert.equal(noArgs.error?.kind, 'needs-args');
  assert.match(noArgs.error!.message, /^The class "QNetwork" takes 3 constructor arguments\. Pass them as a JSON array with --args/);
  const two = (await run('twoModels')).report;
  assert.equal(two.error?.kind, 'no-model');
  assert.match(two.error!.message, /new TwinAgent\(…\) holds several models \(online, target\)/);
  const auto = (await run('subclassAuto')).report;
  assert.equal(auto.status, 'failed');
  assert.match(auto.error!.message, /does not construct classes unasked .* --export QNetwork --args/);
});

test('a string tensor given to fit() (CSV fields never converted) is named at the line that made it, with the conversion as the fix; converted fields profile', async () => {
  const strings = (await run('csvStrings')).report;
  const file = F('csv-strings.js');
  assert.equal(strings.status, 'failed');
  assert.equal(strings.error?.kind, 'bad-data');
  assert.match(strings.error!.message, /^The x given to fit\(\) is a string tensor \(made at csv-strings\.js:\d+\): training needs numbers\. .*convert them with Number\(\) or parseFloat\(\)/);
  assert.equal(strings.error?.location?.line, lineOf(file, 'L:xs'));
  const numbers = (await run('csvNumbers')).report;
  assert.equal(numbers.status, 'done', JSON.stringify(numbers.error));
  assert.equal(numbers.layers[0].line, lineOf(F('csv-numbers.js'), 'L:hidden'));
});
