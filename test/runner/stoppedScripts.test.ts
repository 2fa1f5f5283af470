// Real projects that failed with a wrong or unclear message (bench/realworld batch 8), each on a fixture of the
// same shape written here: a script predicting with compiled models long before its first fit(); an exit its own
// catch swallowed; tf.node without tfjs-node's addon. Fixtures in test/fixtures/runner/{predict-loop,early-exit,native-api}.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixture, lineOf, profile } from './helpers';

const P = (f: string) => fixture('predict-loop', f);
const E = (f: string) => fixture('early-exit', f);
const N = (f: string) => fixture('native-api', f);

test('self-play with two compiled models past half the time limit: stopped in predict(), the model profiled, the note names the predict line', async () => {
  const file = P('self-play.js');
  const { report, ms } = await profile(file, { steps: 1 }, { timeoutMs: 24_000 });
  assert.equal(report.error, undefined, report.error?.message);
  assert.deepEqual(report.layers.map((l) => `${l.className}@${l.line}`), [`Dense@${lineOf(file, 'L:hidden')}`, `Dense@${lineOf(file, 'L:out')}`]);
  assert.match(report.discoveryNote ?? '', new RegExp(`still calling predict\\(\\) on this compiled model \\(at self-play\\.js:${lineOf(file, 'L:predict')}\\) \\d+ s after it started, before any fit\\(\\)`));
  assert.ok(ms >= 12_000, `stopped at half the limit, not before (${ms} ms)`);
});

test('near miss: predictions before a fit() reached at once: profiled at its fit(), on its own data, not stopped', async () => {
  const file = P('predict-then-fit.js');
  const { report } = await profile(file, { steps: 1 }, { timeoutMs: 24_000 });
  assert.equal(report.error, undefined, report.error?.message);
  assert.equal(report.discoveryNote, undefined);
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(file, 'L:model')]);
});

test('near miss: one prediction after a data preparation past half the limit, then fit(): profiled at its fit(), not stopped', async () => {
  const file = P('slow-data-one-prediction.js');
  const { report } = await profile(file, { steps: 0 }, { timeoutMs: 30_000 });
  assert.equal(report.error, undefined, report.error?.message);
  assert.equal(report.discoveryNote, undefined);
  assert.equal(report.dataSource, 'fit');
});

test('near miss: an uncompiled model predicting for ever is not a training plan: the run times out with no model', async () => {
  const { report } = await profile(P('inference-only.js'), { steps: 1 }, { timeoutMs: 16_000 });
  assert.equal(report.error?.kind, 'timeout');
  assert.match(report.error!.message, /^No model was built within 16 s/);
});

test('a process.exit(1) its own catch printed: reported as the exit, quoting the whole two-line message and the file it names as absent', async () => {
  const file = E('caught-exit.js');
  const { report } = await profile(file, { steps: 1, cwd: path.dirname(file) });
  assert.equal(report.error?.kind, 'user-exit', report.error?.message);
  assert.equal(report.error!.location?.line, lineOf(file, 'L:exit'));
  assert.match(report.error!.message, /Its last output: "Data File: dataset\/train-images-idx3-ubyte does not exist\. Please see the README for instructions on how to download it"/);
  assert.match(report.error!.message, /It names dataset\/train-images-idx3-ubyte, which does not exist here/);
  assert.doesNotMatch(report.error!.message, /"\}"/);
});

test('near miss: the file the exit message names is there: no missing-file cause, the command-line hint stays', async () => {
  const file = E('caught-exit-present-file.js');
  const { report } = await profile(file, { steps: 1, cwd: path.dirname(file) });
  assert.equal(report.error?.kind, 'user-exit', report.error?.message);
  assert.doesNotMatch(report.error!.message, /It names/);
  assert.match(report.error!.message, /--script-args/);
});

test('tf.node.decodeImage without the addon: the message says tf.node is tfjs-node\'s native addon, why it is absent, and what to do', async () => {
  const file = N('decode-image.js');
  const { report } = await profile(file, { steps: 1, backend: 'wasm' });
  assert.equal(report.error?.kind, 'user-error', report.error?.message);
  assert.equal(report.error!.location?.line, lineOf(file, 'L:decode'));
  assert.match(report.error!.message, /tf\.node\.decodeImage is part of tf\.node, which only @tensorflow\/tfjs-node's native addon provides/);
  assert.match(report.error!.message, /--backend tensorflow/);
});

test('near miss: the same TypeError on a line without tf.node keeps the plain message', async () => {
  const { report } = await profile(N('undefined-other.js'), { steps: 1, backend: 'wasm' });
  assert.equal(report.error?.kind, 'user-error', report.error?.message);
  assert.match(report.error!.message, /reading 'decodeImage'/);
  assert.doesNotMatch(report.error!.message, /tf\.node/);
});
