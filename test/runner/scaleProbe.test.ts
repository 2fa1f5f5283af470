// The scaling probe on real models (test/fixtures/runner/scaling; core/scaleRules.ts): regression targets at 10× their
// unit fire unscaled-target on the line that made them, the probe's numbers in the message; the same targets
// standardised are not probed; raw prices a model learns from, whose standardised twin does no better, keep the
// first-layer consequence as information only.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach, type RunOutcome } from './helpers';

const FIX = (f: string) => fixture('scaling', f);
const outcome = profileEach(['targets-raw.js', 'targets-standardised.js', 'prices-raw.js'], FIX, { steps: 20, backend: 'wasm' });
const probed = (o: RunOutcome) => o.messages.some((m) => m.type === 'phase' && /Scaling probe/.test(m.message));

test('targets at 10× their unit: unscaled-target on the targets\' line, standardised targets far ahead in shares of the no-input loss', async () => {
  const o = await outcome('targets-raw.js');
  const file = FIX('targets-raw.js');
  const [finding, ...more] = o.report.findings.filter((f) => f.code === 'unscaled-target');
  assert.ok(finding && more.length === 0, findingSummary(o.report));
  assert.equal(finding.severity, 'warning');
  assert.deepEqual([finding.file, finding.line], [file, lineOf(file, 'L:targets')]);
  assert.equal(finding.related?.[0]?.line, lineOf(file, 'L:output'));
  // Targets 90–470: their RMS lies within that range.
  const [, rms] = /targets have RMS ([\d.e+]+)/.exec(finding.message) ?? [];
  assert.ok(Number(rms) > 90 && Number(rms) < 470, finding.message);
  const [, own, scaled] = /→ ([\d.e+]+) \(lowest\) as given and [\d.e+]+ → ([\d.e+-]+) with the targets standardised, both as shares/.exec(finding.message) ?? [];
  assert.ok(Number(scaled) <= 0.5 * Number(own), finding.message);
  assert.ok(probed(o));
  assert.ok(!o.report.findings.some((f) => f.code === 'unscaled-input' || (f.code === 'learning-rate-low' && f.severity !== 'info')), findingSummary(o.report));
});

test('near misses: standardised targets are not probed; raw prices the model learns from make unscaled-input information', async () => {
  const scaled = await outcome('targets-standardised.js');
  assert.deepEqual(scaled.report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(scaled.report));
  assert.ok(!probed(scaled));
  const prices = await outcome('prices-raw.js');
  assert.deepEqual(prices.report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(prices.report));
  const file = FIX('prices-raw.js');
  const finding = prices.report.findings.find((f) => f.code === 'unscaled-input');
  assert.deepEqual([finding?.severity, finding?.line], ['info', lineOf(file, 'L:first')], findingSummary(prices.report));
  assert.match(finding!.message, /keep one sign .* Yet the model learns from them as given, and standardising them does not train better: over 20 steps/);
  assert.ok(probed(prices));
});
