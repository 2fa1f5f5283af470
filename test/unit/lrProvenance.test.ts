// Apply's provenance: which sweep produced the rate, and when the host refuses or warns before writing it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { emptyLrReport, type LrReport } from '../../src/core/lrReport';
import { judgeApply, provenanceOf, type LrProvenance } from '../../src/core/lrProvenance';

function sweptReport(changes: Partial<LrReport> = {}, reason = 'loss exceeded 4x its best', confidence: 'high' | 'low' | 'none' = 'high'): LrReport {
  return {
    ...emptyLrReport('/ws/model.js'),
    status: 'done',
    exportName: 'createModel',
    optimizer: 'Adam',
    dataSource: 'fit',
    compileLocation: { file: '/ws/model.js', line: 12, column: 7 },
    result: {
      median: [],
      band: [],
      suggestions: { valley: { lr: 1e-3, spreadDecades: 0.1, rule: 'valley' } },
      recommendation: { lr: 3e-3, confidence, basis: 'short-run', why: '…', flat: false },
      stoppedEarly: true,
      reason,
    },
    ...changes,
  };
}

const hashes = { file: 'h1' };
const unchanged = (file: string) => (file === '/ws/model.js' ? 'h1' : undefined);

test('provenanceOf carries the sweep: file version, export, optimizer, data source, complete or partial, compile() site', () => {
  const p = provenanceOf(sweptReport(), hashes, 'recommended');
  assert.deepEqual(p, {
    file: '/ws/model.js',
    fileHash: 'h1',
    compileLocation: { file: '/ws/model.js', line: 12, column: 7 },
    compileFileHash: undefined,
    exportName: 'createModel',
    optimizer: 'Adam',
    optimizerNote: undefined,
    dataSource: 'fit',
    complete: true,
    reason: 'loss exceeded 4x its best',
    rule: 'recommended',
    confidence: 'high',
  } satisfies LrProvenance);
  assert.equal(provenanceOf(sweptReport({}, 'cancelled'), hashes, 'recommended').complete, false);
  assert.equal(provenanceOf(sweptReport({}, 'timeout'), hashes, 'recommended').complete, false);
});

test('a clean sweep of the unchanged file applies without warnings', () => {
  assert.deepEqual(judgeApply(provenanceOf(sweptReport(), hashes, 'recommended'), unchanged), { warnings: [] });
});

test('refuses a rate measured with SGD standing in for the model optimizer, and a recommendation of none', () => {
  const sgd = judgeApply(provenanceOf(sweptReport({ optimizer: 'SGD', optimizerNote: "The model's optimizer Lamb is not one whose learning rate the finder can set." }), hashes, 'recommended'), unchanged);
  assert.match(sgd.refuse!, /trained plain SGD instead, so the rate is SGD's, not your optimizer's \(The model's optimizer Lamb/);
  const none = judgeApply(provenanceOf(sweptReport({}, 'reached endLr', 'none'), hashes, 'recommended'), unchanged);
  assert.match(none.refuse!, /recommended no learning rate/);
});

test('warns: file changed since the sweep, compile file changed, synthetic data, partial curve, low confidence, a curve rule', () => {
  const changed = judgeApply(provenanceOf(sweptReport(), hashes, 'recommended'), () => 'h2');
  assert.deepEqual(changed.warnings, ['model.js changed since the sweep: the rate was measured on the earlier version']);

  const elsewhere = sweptReport({ compileLocation: { file: '/ws/lib/build.js', line: 3, column: 1 } });
  const compileChanged = judgeApply(provenanceOf(elsewhere, { file: 'h1', compileFile: 'c1' }, 'recommended'), (f) => (f === '/ws/model.js' ? 'h1' : 'c2'));
  assert.deepEqual(compileChanged.warnings, ['build.js (where the model is compiled) changed since the sweep']);

  const synthetic = judgeApply(provenanceOf(sweptReport({ dataSource: 'synthetic' }), hashes, 'recommended'), unchanged);
  assert.match(synthetic.warnings[0], /synthetic data with random labels/);
  const partial = judgeApply(provenanceOf(sweptReport({}, 'timeout'), hashes, 'recommended'), unchanged);
  assert.deepEqual(partial.warnings, ['the sweep was stopped by its timeout: the curve is partial']);
  const low = judgeApply(provenanceOf(sweptReport({}, 'reached endLr', 'low'), hashes, 'recommended'), unchanged);
  assert.match(low.warnings[0], /low confidence/);
  const valley = judgeApply(provenanceOf(sweptReport(), hashes, 'valley'), unchanged);
  assert.deepEqual(valley.warnings, ["this is the valley curve rule's rate, not the recommendation checked by training"]);
  assert.equal(valley.refuse, undefined);
});

test('without a sweep the edit is only warned about', () => {
  assert.deepEqual(judgeApply(undefined, unchanged), { warnings: ['no sweep of this file in this session produced the rate: its origin is unknown'] });
});
