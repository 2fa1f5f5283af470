// Where fit()'s val_loss came from, through the real runner and a run file: `gradient-lens watch --run-file` on a
// script that validates on validationSplit, then on validationData (with a validationSplit tfjs ignores next to it):
// each epoch says its split (or none), and the Training tab's readings from the run file name each series by it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseWithNonFinite } from '../../src/core/protocol';
import { readRunFile } from '../../src/core/runFile';
import { runFileMessages } from '../../src/core/trainingFeed';
import type { WatchReport } from '../../src/core/watchReport';
import { cli, fixture } from './helpers';

test('fit()\'s val_loss on validationSplit, then on validationData: each epoch says which, and the Training tab names the two series', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-valsources-'));
  try {
    const runFile = path.join(dir, 'run.glrun.jsonl');
    const result = await cli(['watch', fixture('overfitting', 'fit-sources.js'), '--json', '--fail-on', 'none', '--run-file', runFile]);
    assert.equal(result.code, 0, result.stderr);
    const report = parseWithNonFinite(result.stdout) as WatchReport;
    assert.equal(report.status, 'done', JSON.stringify(report.error));
    // 30 training rows in batches of 10 while 25 % are held out (3 steps an epoch), then all 40 (4 steps an epoch).
    assert.deepEqual(report.epochs.map((e) => e.step), [2, 5, 8, 12, 16, 20]);
    assert.deepEqual(report.epochs.map((e) => e.validationSplit), [0.25, 0.25, 0.25, undefined, undefined, undefined]);
    assert.ok(report.epochs.every((e) => Number.isFinite(e.logs.val_loss) && e.logs.val_loss > 0), JSON.stringify(report.epochs.map((e) => e.logs)));
    assert.deepEqual(report.validation, [], 'no evaluate() call');

    const messages = runFileMessages(readRunFile(fs.readFileSync(runFile, 'utf8')), runFile);
    const readings = messages.flatMap((m) => (m.type === 'trainingValidation' ? m.readings : []));
    assert.deepEqual(
      readings.map((r) => [r.step, r.origin, r.label, r.loss]),
      report.epochs.map((e, i) => [e.step, i < 3 ? 'validationSplit' : 'validationData', i < 3 ? "fit()'s val_loss (validationSplit 0.25: the last 25 % of the rows)" : "fit()'s val_loss (validationData)", e.logs.val_loss]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
