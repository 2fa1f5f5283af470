// unscaled-input, the far-too-small side, on real models (test/fixtures/runner/small-inputs): MNIST pixels divided
// by 255 twice must fire on the line that made them, confirmed by the counterfactual probe (the same steps with the
// pixels at unit scale get far further); pixels in [0, 1] are not probed at all, and tiny pixels that the model
// itself scales back up (a Rescaling layer first) are probed and stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach, type RunOutcome } from './helpers';

const FIX = (f: string) => fixture('small-inputs', f);
const FILES = ['twice.js', 'pixels.js', 'rescaled.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });
const probed = (o: RunOutcome) => o.messages.some((m) => m.type === 'phase' && /Input-scale probe/.test(m.message));

test('pixels normalised twice: unscaled-input on the line that made them, the probe at unit scale far ahead', async () => {
  const o = await outcome('twice.js');
  const file = FIX('twice.js');
  const [finding, ...more] = o.report.findings.filter((f) => f.code === 'unscaled-input');
  assert.ok(finding && more.length === 0, findingSummary(o.report));
  assert.equal(finding.severity, 'warning');
  assert.deepEqual([finding.file, finding.line], [file, lineOf(file, 'L:inputs')]);
  assert.equal(finding.related?.[0]?.line, lineOf(FIX('model.js'), 'L:first'), 'the first Dense is related');
  // MNIST pixels in [0, 1/255]: the busiest pixel's RMS lies below 1/255.
  const [, rms] = /has RMS ([\d.e-]+)/.exec(finding.message) ?? [];
  assert.ok(Number(rms) > 1e-3 && Number(rms) < 1 / 255, finding.message);
  const [, start, own, scaled] = /took the loss ([\d.]+) → ([\d.]+) \(lowest\); .* took it to ([\d.]+)\./.exec(finding.message) ?? [];
  assert.ok(Number(scaled) <= 0.5 * Number(own) && Number(own) <= Number(start), finding.message);
  assert.ok(probed(o));
});

test('near misses: pixels in [0, 1] are not probed; tiny pixels rescaled by the model itself are probed and stay quiet', async () => {
  const pixels = await outcome('pixels.js');
  assert.deepEqual(pixels.report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(pixels.report));
  assert.ok(!probed(pixels), 'pixels in [0, 1] (RMS ~0.7 at the busiest pixel) are not far below unit scale');
  const rescaled = await outcome('rescaled.js');
  assert.deepEqual(rescaled.report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(rescaled.report));
  assert.ok(probed(rescaled), 'the inputs given to fit() are tiny, so the probe runs');
});
