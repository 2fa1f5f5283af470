// The panel's data model (webview/src/model.ts): pure, so checked here against hand-computed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserializeData, emptyData, histogramPercentile, LrColumns, serializeData } from '../../webview/src/model';
import { emptyReport } from '../../src/core/report';

test('histogram percentiles of log10|g| (bins of 0.375 from -16), linear within a bin', () => {
  const bins = new Array(64).fill(0);
  bins[10] = 4; // [-12.25, -11.875)
  bins[20] = 4; // [-8.5, -8.125)
  assert.equal(histogramPercentile(bins, 0), -12.25);
  assert.equal(histogramPercentile(bins, 0.5), -11.875);
  assert.equal(histogramPercentile(bins, 0.75), -8.3125);
  assert.equal(histogramPercentile(bins, 1), -8.125);
  assert.equal(histogramPercentile(new Array(64).fill(0), 0.5), null);
});

test('LR columns: one shared ascending x, per-repeat columns aligned, out-of-order and extra repeats handled', () => {
  const c = new LrColumns(2);
  const point = (repeat: number, lr: number, loss: number) => ({ repeat, step: 0, lr, loss, smoothed: loss + 1 });
  assert.equal(c.addPoint(point(0, 1e-3, 2)), true);
  c.addPoint(point(0, 1e-2, 1.5));
  c.addPoint(point(1, 1e-3, 2.2));
  c.addPoint(point(1, 1e-2, NaN));
  c.addPoint(point(1, 1e-1, 3));
  assert.deepEqual(c.xs, [1e-3, 1e-2, 1e-1]);
  assert.deepEqual(c.raw, [[2, 1.5, null], [2.2, null, 3]]);
  assert.deepEqual(c.smoothed[0], [3, 2.5, null]);
  c.addPoint(point(0, 5e-3, 1.8)); // not on the schedule so far: inserted, every column shifted with it
  assert.deepEqual(c.xs, [1e-3, 5e-3, 1e-2, 1e-1]);
  assert.deepEqual(c.raw, [[2, 1.8, 1.5, null], [2.2, null, null, 3]]);
  assert.equal(c.addPoint(point(0, NaN, 1)), true, 'a point without a usable lr is dropped');
  assert.equal(c.addPoint(point(0, -1, 1)), true);
  assert.equal(c.xs.length, 4);
  assert.equal(c.addPoint(point(2, 1e-3, 2.4)), false, 'a third repeat changes the series layout');
  assert.equal(c.repeats, 3);
  assert.deepEqual(c.raw[2], [2.4, null, null, null]);
  assert.equal(c.lossCap(), 3 * 3.4);
  c.setResult({ median: [{ lr: 1e-2, loss: 1.6 }], band: [{ lr: 1e-2, low: 1.5, high: 1.7 }], suggestions: {}, stoppedEarly: false, reason: 'reached endLr' });
  assert.deepEqual(c.median, [null, null, 1.6, null]);
  assert.equal(c.columns().length, 1 + 3 + 3 + 3);
  assert.ok(c.columns().every((column) => column.length === 4));
});

test('state round trip keeps points, NaN losses and the report', () => {
  const data = emptyData();
  data.file = '/w/model.js';
  data.tab = 'gradients';
  data.lr.points.push({ repeat: 0, step: 0, lr: 1e-4, loss: NaN, smoothed: 2 });
  data.report = emptyReport('/w/model.js');
  data.report.layers.push({ name: 'flatten', className: 'Flatten', gradNorm: NaN, verdicts: [], weights: [], steps: [] });
  const text = serializeData(data);
  assert.equal(serializeData(data), text, 'the cached report serialization is reused unchanged');
  assert.deepEqual(deserializeData(text), data);
  assert.equal(deserializeData('{"lr":{}}'), undefined);
  assert.equal(deserializeData('not json'), undefined);
});
