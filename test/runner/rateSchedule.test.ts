// The script's own learning-rate schedule, set in its fit() callbacks (runner/rateSchedule.ts), followed by the profile and
// the plan probes, on reach-model.js's quadratic (every Hessian eigenvalue ≈ 2: a plan's loss is the start's × Π(1 − 2η_t)²
// per direction). An inverse-scaling decay that stalls the plan fires learning-rate-low on the callback's setLearningRate line;
// a step decay that still converges stays quiet; a callback's other side effects are not run for real while it is read
// (run as a script, schedule-effects.js logs, saves and writes its marker: checked by hand, the files appear).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findingSummary, fixture, lineOf, profile } from './helpers';
import type { RunnerMessageOf } from '../../src/core/protocol';

const FIX = (f: string) => fixture('rates', f);
const request = { steps: 20, backend: 'wasm' } as const;
const modelMessage = (messages: readonly { type: string }[]) => messages.find((m): m is RunnerMessageOf<'model'> => m.type === 'model');

test('invscaling in onEpochEnd (SGD 0.02 → 0.02/√(150e+151)) over 300 full-batch epochs: learning-rate-low on the callback line', async () => {
  const { report, messages } = await profile(FIX('schedule-stall.js'), request);
  const schedule = modelMessage(messages)?.rateSchedule;
  assert.ok(schedule, 'the schedule was read');
  assert.equal(schedule.hook, 'onEpochEnd');
  assert.equal(schedule.site?.line, lineOf(FIX('schedule-stall.js'), 'L:schedule'));
  assert.equal(schedule.first, 0.02);
  assert.ok(Math.abs(schedule.last - 0.02 / Math.sqrt(150 * 299 + 1)) < 1e-9, `${schedule.last}`);
  // Σ_{e<300} 1/√(150e + 1) (the plan's time in steps at the starting rate), exactly.
  const planTime = Array.from({ length: 300 }, (_, e) => 1 / Math.sqrt(150 * e + 1)).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(schedule.planTime - planTime) < 1e-9, `${schedule.planTime} vs ${planTime}`);
  const found = report.findings.filter((f) => f.code === 'learning-rate-low' && f.severity === 'warning');
  assert.equal(found.length, 1, findingSummary(report));
  assert.equal(found[0].line, lineOf(FIX('schedule-stall.js'), 'L:schedule'));
  assert.match(found[0].message, /the rate 0\.02 → 9\.4e-5, set by onEpochEnd at line \d+/);
  // The profiled steps followed the schedule: step 1 moved the loss by (1 − 2·0.02)² per direction, later steps by far less.
  const losses = report.steps.map((s) => s.loss);
  const first = losses[0] - losses[1];
  const later = losses[10] - losses[11];
  assert.ok(later < first / 5, `the decayed steps move the loss less: ${first} then ${later}`);
});

test('near miss: a step decay (0.02 → 0.002 at epoch 150 of 300) that still converges is quiet', async () => {
  const { report, messages } = await profile(FIX('schedule-step.js'), request);
  assert.equal(modelMessage(messages)?.rateSchedule?.hook, 'onEpochBegin');
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(report));
});

test('a callback with side effects: read for its rate only — no log, no stop, no save, the other callback never runs', async () => {
  const marker = path.join(os.tmpdir(), `gradient-lens-schedule-marker-${process.pid}`);
  const clean = () => [marker, `${marker}.saved`].forEach((f) => fs.rmSync(f, { force: true }));
  clean();
  try {
    const { report, messages } = await profile(FIX('schedule-effects.js'), request, { env: { SCHEDULE_MARKER: marker } });
    assert.equal(modelMessage(messages)?.rateSchedule?.site?.line, lineOf(FIX('schedule-effects.js'), 'L:schedule'));
    assert.ok(!JSON.stringify(messages).includes('SCHEDULE-HOOK-LOGGED'), 'the hook logged');
    assert.equal(fs.existsSync(marker), false, 'the callback that names no rate ran');
    assert.equal(fs.existsSync(`${marker}.saved`), false, 'the rate hook saved the model');
    // The same verdict as without the side effects (schedule-stall.js): the stop request at epoch 5 did not cut the plan.
    assert.equal(report.findings.filter((f) => f.code === 'learning-rate-low' && f.severity === 'warning').length, 1, findingSummary(report));
  } finally {
    clean();
  }
});
