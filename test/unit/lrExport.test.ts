// The panel's LR exports carry the recommendation (webview/src/lrExport.ts, pure): the result CSV read back
// with a CSV parser of our own making would prove little, so each field is checked against the result it
// came from, including quoting of the why text (commas, quotes), a rate-less recommendation and the JSON export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LrResult } from '../../src/core/protocol';
import { lrPngCaption, lrResultCsv, recommendationHeadline } from '../../webview/src/lrExport';
import { deserializeData, serializeData, type PanelData } from '../../webview/src/model';
import { wrapLines } from '../../webview/src/textWrap';
import { emptyTraining } from '../../webview/src/trainingModel';

const why = 'Checked by a short run: 7 rates from a third to a three-hundredth of the divergence LR 4.6e+0, 96 steps each from the same initial weights; 4.6e-2 reached the lowest held-out loss 0.457 (untrained 2.33). "quoted"';
const result: LrResult = {
  median: [{ lr: 1e-3, loss: 2.3 }],
  band: [{ lr: 1e-3, low: 2.2, high: 2.4 }],
  suggestions: {
    valley: { lr: 0.0123, spreadDecades: 0.25, rule: "fastai's valley, of a descent, at 1/2 of its length" },
    steep: { lr: 0.2, spreadDecades: 0, rule: 'steepest descent per decade' },
  },
  divergenceLr: 4.596,
  recommendation: {
    lr: 0.04596,
    confidence: 'high',
    basis: 'short-run',
    why,
    checks: [
      { lr: 0.1453, loss: 0.6886 },
      { lr: 0.04596, loss: 0.4568 },
      { lr: 1.453, loss: null },
    ],
    checkSteps: 96,
    initialLoss: 2.33,
    flat: false,
  },
  stoppedEarly: false,
  reason: 'reached endLr',
};

/** Splits one CSV line as RFC 4180 does (quoted fields may hold commas and doubled quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') field += line[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

test('LR result CSV: the recommendation first (rate, confidence, basis, checked, held-out loss, why), its short runs, the curve rules, the divergence LR', () => {
  const lines = lrResultCsv(result).trimEnd().split('\n');
  assert.deepEqual(fields(lines[0]), ['kind', 'lr', 'confidence', 'basis', 'checked_by_short_run', 'held_out_loss', 'check_steps', 'spread_decades', 'why']);
  assert.deepEqual(fields(lines[1]), ['recommended', '0.04596', 'high', 'short-run', 'yes', '0.4568', '96', '', why]);
  assert.deepEqual(
    lines.slice(2, 5).map(fields).map((f) => [f[0], f[1], f[5], f[8]]),
    [
      ['short run', '0.04596', '0.4568', 'the recommended rate'],
      ['short run', '0.1453', '0.6886', ''],
      ['short run', '1.453', 'diverged', ''],
    ],
  );
  assert.deepEqual(fields(lines[5]).slice(0, 2), ['steep', '0.2']);
  assert.deepEqual(fields(lines[6]), ['valley', '0.0123', '', 'curve', 'no', '', '', '0.25', "fastai's valley, of a descent, at 1/2 of its length"]);
  assert.deepEqual(fields(lines[7]), ['minimum', '', '', 'curve', 'no', '', '', '', 'no basis in this curve']);
  assert.deepEqual(fields(lines[9]).slice(0, 2), ['divergence', '4.596']);
  assert.equal(lines.length, 10);
});

test('LR result CSV without a rate: the recommendation row says none and why, no short runs', () => {
  const none: LrResult = { ...result, recommendation: { confidence: 'none', basis: 'curve', why: 'No learning rate: the loss neither fell nor diverged over the sweep (flat noise).', flat: true } };
  const lines = lrResultCsv(none).trimEnd().split('\n');
  assert.deepEqual(fields(lines[1]), ['recommended', '', 'none', 'curve', 'no', '', '', '', none.recommendation!.why]);
  assert.equal(fields(lines[2])[0], 'steep');
  assert.equal(recommendationHeadline(none.recommendation!), 'No recommended learning rate');
});

test('PNG caption: the headline as the panel words it and the why; nothing before a result', () => {
  assert.deepEqual(lrPngCaption(result), ['Recommended learning rate 0.046 — high confidence, checked by a short run', why]);
  assert.deepEqual(lrPngCaption({ ...result, recommendation: { ...result.recommendation!, basis: 'curve', confidence: 'medium' } })[0], 'Recommended learning rate 0.046 — medium confidence, read off the curve');
  assert.deepEqual(lrPngCaption(undefined), []);
});

test('caption wrap: greedy by measured width, every word kept in order, an over-long word on its own line', () => {
  const measure = (t: string) => t.length;
  assert.deepEqual(wrapLines('aa bb cc dd', 5, measure), ['aa bb', 'cc dd']);
  assert.deepEqual(wrapLines('a verylongword b', 4, measure), ['a', 'verylongword', 'b']);
  assert.deepEqual(wrapLines('  ', 10, measure), []);
  assert.equal(wrapLines(why, 40, measure).join(' '), why.split(/\s+/).join(' '));
});

test('JSON export: the panel data round-trips with the recommendation (rate, confidence, why, short runs)', () => {
  const data: PanelData = { file: '/w/model.js', title: 'model.js', tab: 'lr', lr: { points: [{ repeat: 0, step: 0, lr: 1e-3, loss: 2.3, smoothed: 2.3 }], repeatsDone: [], result }, training: emptyTraining() };
  const text = serializeData(data);
  const parsed = JSON.parse(text) as { lr: { result: LrResult } };
  assert.deepEqual(parsed.lr.result.recommendation, result.recommendation);
  assert.deepEqual(deserializeData(text)?.lr.result?.recommendation, result.recommendation);
});

test("LR result CSV with the model's own rate: one row after the short runs, marked as not a candidate", () => {
  const withOwn: LrResult = { ...result, recommendation: { ...result.recommendation!, ownRate: { lr: 0.001, loss: 1.83 } } };
  const lines = lrResultCsv(withOwn).trimEnd().split('\n');
  assert.deepEqual(fields(lines[5]), ['own rate', '0.001', '', 'short-run', 'yes', '1.83', '96', '', "the model's compiled rate, trained the same way (not a candidate)"]);
  assert.equal(fields(lines[6])[0], 'steep');
  assert.equal(lines.length, 11);
});
