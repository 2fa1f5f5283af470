// labels-unrelated on real data (test/fixtures/runner/labels: MNIST digits): labels shuffled apart from their images
// and random classes (one-hot and sparse) fire on the line that made the labels, with the numbers; the same digits with
// their own labels, 10 % label noise, a hard task (digits under heavy pixel noise) and a data set too small to hold rows
// out stay quiet (regressions: labelsRegression.test.ts). Each judged
// profile sends the held-out readings the rule reads (probe kind `labels`). Through fitDataset() (held-out rows pulled
// from the dataset's own iterator), random labels fire and own labels stay quiet; batches of 16 are not judged. A task
// that shows transfer only on fresh batches stops that run at the first reading that shows it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('labels', f);
const FIRES = ['shuffled-labels.js', 'random-labels.js'];
const QUIET = ['real-labels.js', 'noisy-labels.js', 'hard-task.js', 'small-data.js'];
// fitDataset(): held-out rows from the dataset's own elements after the profiled one.
const DATASET_FIRES = ['dataset-random-labels.js'];
const DATASET_QUIET = ['dataset-real-labels.js', 'small-batches-shuffled.js'];
const outcome = profileEach([...FIRES, ...QUIET, ...DATASET_FIRES, ...DATASET_QUIET, 'slow-transfer.js'], FIX, { steps: 20, backend: 'wasm' });

test('labels shuffled apart, random classes: labels-unrelated on the labels line', async () => {
  for (const file of FIRES) {
    const { report, messages } = await outcome(file);
    const found = report.findings.filter((f) => f.code === 'labels-unrelated');
    assert.equal(found.length, 1, `${file}: ${findingSummary(report)}`);
    const [finding] = found;
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.file, FIX(file));
    assert.equal(finding.line, lineOf(FIX(file), 'L:labels'));
    assert.match(finding.message, /the profiled batch's loss fell from [\d.]+ to [\d.]+ — below the [\d.]+ of a prediction that reads no input/);
    assert.match(finding.message, /after 20 steps on fresh batches, held-out accuracy \d+ % at best against \d+ % for always guessing their most frequent class, and \d+ % after the same steps with the labels permuted among the rows/);
    // The evidence travelled: the profiled steps' readings and both fresh-batch runs.
    const probes = messages.filter((m) => m.type === 'probe' && m.kind === 'labels');
    assert.deepEqual(probes.map((p) => p.type === 'probe' && [p.factor, p.fresh ?? false]), [[1, false], [1, true], [0, true]]);
  }
});

test('near misses: own labels, 10 % label noise, a hard task, too few rows to hold out', async () => {
  for (const file of QUIET) {
    const { report, messages } = await outcome(file);
    assert.ok(!report.findings.some((f) => f.code === 'labels-unrelated'), `${file}: ${findingSummary(report)}`);
    const probes = messages.filter((m) => m.type === 'probe' && m.kind === 'labels');
    // 48 rows hold no 32 beyond a batch of 32: nothing is read. The others are read.
    assert.equal(probes.length > 0, file !== 'small-data.js', file);
  }
});

test('fitDataset(): random labels fire on the fitDataset() line', async () => {
  for (const file of DATASET_FIRES) {
    const { report, messages } = await outcome(file);
    const found = report.findings.filter((f) => f.code === 'labels-unrelated');
    assert.equal(found.length, 1, `${file}: ${findingSummary(report)}`);
    // The label tensors are made inside tf.data's batching: the finding sits on the call that trains on them.
    assert.equal(found[0].file, FIX(file));
    assert.equal(found[0].line, lineOf(FIX(file), 'L:fit'));
    assert.match(found[0].message, /nothing of it carries over to 128 rows of the same data/);
    const probes = messages.filter((m) => m.type === 'probe' && m.kind === 'labels');
    assert.deepEqual(probes.map((p) => p.type === 'probe' && [p.factor, p.fresh ?? false, p.rows]), [[1, false, 32], [1, true, 128], [0, true, 128]]);
  }
});

test('fitDataset() near misses: own labels (read, quiet), shuffled labels in batches of 16 (not judged)', async () => {
  for (const file of DATASET_QUIET) {
    const { report, messages } = await outcome(file);
    assert.ok(!report.findings.some((f) => f.code === 'labels-unrelated'), `${file}: ${findingSummary(report)}`);
    const probes = messages.filter((m) => m.type === 'probe' && m.kind === 'labels');
    assert.equal(probes.length > 0, file === 'dataset-real-labels.js', `${file}: held-out rows read only for a batch of 32 or more`);
    // A fresh-batch run with the labels as given stops once transfer shows: the permuted run is never needed.
    assert.ok(!probes.some((p) => p.type === 'probe' && p.factor === 0), file);
  }
});

test('the fresh-batch run with the labels as given stops at the first reading that shows transfer', async () => {
  const { report, messages } = await outcome('slow-transfer.js');
  assert.ok(!report.findings.some((f) => f.code === 'labels-unrelated'), findingSummary(report));
  const probes = messages.filter((m) => m.type === 'probe' && m.kind === 'labels');
  const fresh = probes.find((p) => p.type === 'probe' && p.fresh && p.factor === 1);
  // The fixture is tuned to reach the fresh batches (no transfer along the profiled steps): without that probe it no
  // longer tests the stop.
  assert.ok(fresh && fresh.type === 'probe' && fresh.accuracies, `fresh-batch run expected: ${JSON.stringify(probes)}`);
  // Readings at steps 0, 4, 8, … 20: it stopped before the sixth, at the reading that beat the input-blind level.
  assert.ok(fresh.accuracies.length < 6, `${fresh.accuracies.length} readings`);
  const bar = fresh.blindAccuracy! + 2 * Math.sqrt((fresh.blindAccuracy! * (1 - fresh.blindAccuracy!)) / fresh.rows!);
  assert.ok(fresh.accuracies[fresh.accuracies.length - 1] >= bar, `${fresh.accuracies} vs ${bar}`);
  assert.ok(fresh.accuracies.slice(0, -1).every((a) => a < bar), `${fresh.accuracies} vs ${bar}`);
  assert.ok(!probes.some((p) => p.type === 'probe' && p.factor === 0), 'no permuted run');
});
