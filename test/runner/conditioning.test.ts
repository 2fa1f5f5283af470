// unscaled-input judged over the script's plan in closed form (core/conditioningRule.ts, runner/curvatureProbe.ts) on
// real profiles: a line on raw inputs 20–53 at a stable SGD rate whose 100 planned steps cannot reach the least-squares
// fit (κ ≈ 1.9e4) must warn, with the closed form's numbers; inputs as large but centred (κ 965), whose 2,000 planned
// steps reach the fit, must not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('scaling', f);
const outcome = profileEach(['conditioning-raw.js', 'conditioning-centred.js'], FIX, { steps: 20, backend: 'wasm' });

test('raw inputs 20–53, SGD 2e-4 for 100 full-batch steps: unscaled-input warns with the plan computed exactly', async () => {
  const { report } = await outcome('conditioning-raw.js');
  const file = FIX('conditioning-raw.js');
  const found = report.findings.filter((f) => f.code === 'unscaled-input');
  assert.equal(found.length, 1, findingSummary(report));
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].line, lineOf(file, 'L:layer'));
  assert.equal(found[0].related?.[0]?.line, lineOf(file, 'L:inputs'));
  // Closed form (float64): 1,270 → 19.9 at the rate, 0.45 for the fit, κ 1.9e4 — printed to two significant digits.
  const [, start, end, optimum] = /the loss goes ([\d.e+]+) → ([\d.e+]+) at the rate 2\.0e-4, .* against ([\d.e+-]+) for the least-squares fit/.exec(found[0].message) ?? [];
  assert.ok(Math.abs(Number(start) - 1270) < 60 && Math.abs(Number(end) - 19.9) < 0.6 && Math.abs(Number(optimum) - 0.45) < 0.01, found[0].message);
  assert.match(found[0].message, /the steepest direction is 1\.9e4× the flattest/);
});

test('near miss: inputs as large but centred, 2,000 planned steps at 5e-4 reach the fit — no unscaled-input warning', async () => {
  const { report } = await outcome('conditioning-centred.js');
  assert.equal(report.status, 'done');
  assert.ok(!report.findings.some((f) => f.code === 'unscaled-input' && f.severity !== 'info'), findingSummary(report));
});
