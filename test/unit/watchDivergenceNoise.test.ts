// loss-diverging in a watched run discounts the batches' sampling noise, as an EWMA control chart does: the smoothed
// loss (β 0.9) of independent draws of spread σ has standard error σ·√((1−β)/(1+β)), and the first loss is one
// draw. A healthy run on batches of one example (mlcc-synthetic-batch1: per-step losses from 3 to 1,000 while the
// epoch losses fall 458 → 1.2) is quiet wherever its recorded steps begin; a climb well beyond that noise still fires,
// and a spike of a few steps (Adam at 0.1: 0.07 → 82) is not hidden by the noise it adds (the noise is read robustly).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WatchRules } from '../../src/core/watchRules';
import { seededRandom } from '../../src/core/random';
import type { Finding } from '../../src/core/protocol';

const replay = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'watch-replay', name), 'utf8')) as { losses: number[] };
const recorded = replay('mlcc-synthetic-batch1.json');
const layers = [{ name: 'dense', className: 'Dense', weights: [] }];

const rate = { file: '/w/train.js', line: 24, column: 1 };

function judged(losses: readonly number[]): Finding[] {
  const rules = new WatchRules(layers, {}, { rate });
  const findings = losses.flatMap((loss, s) => rules.observe({ step: s, epoch: Math.floor(s / 12), loss, layers: [{ name: 'dense', gradNorm: 1 }] }));
  return [...findings, ...rules.atEnd(losses.length, false)].filter((f) => f.severity === 'warning' || f.severity === 'error');
}

test('a healthy batch-1 regression (recorded), its steps replayed from each of 60 starting points: never diverging', () => {
  assert.equal(recorded.losses.length, 300);
  const spread = Math.max(...recorded.losses.slice(0, 60)) / Math.min(...recorded.losses.slice(0, 60));
  assert.ok(spread > 100, `per-example losses spread ×${spread}`);
  const fired = [];
  for (let start = 0; start < 60; start++) if (judged(recorded.losses.slice(start)).some((f) => f.code === 'loss-diverging')) fired.push(start);
  assert.deepEqual(fired, []);
});

test('the same per-example spread on a loss that trains, then climbs 4 % a step from step 150 (past its start by step ~270): diverging, an error, from the climb', () => {
  const random = seededRandom(4);
  // Per-example losses: a falling level times a spread like the recorded run's (a squared normal: χ²₁), climbing from step 150.
  const losses = Array.from({ length: 300 }, (_, i) => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const level = i < 150 ? 5 + 400 * Math.exp(-i / 20) : 5 * 1.04 ** (i - 150);
    return level * z * z;
  });
  const [finding, ...rest] = judged(losses).filter((f) => f.code === 'loss-diverging');
  assert.deepEqual(rest, []);
  assert.equal(finding?.severity, 'error');
  // The onset is the step after the last raw loss near the lowest: with one example a step, a loss of z² dips near 0
  // often, so it reads late (~250 here); that the run diverged is what this test is about.
  assert.ok(finding.step! >= 150 && finding.step! < 300, `began at ${finding.step}`);
});

test('Adam at 0.1 (dc-regrNN-high-lr, recorded): the loss jumps 0.07 → 82 at step 1 and the smoothed loss stays past its start for 10 steps — diverging, as before the noise bar', () => {
  const { losses } = replay('dc-regrNN-high-lr.json');
  assert.ok(losses[1] > 1000 * losses[0], `${losses[0]} → ${losses[1]}`);
  const diverging = judged(losses).filter((f) => f.code === 'loss-diverging');
  assert.deepEqual(diverging.map((f) => [f.severity, f.location]), [['error', rate]], 'on the line that sets the learning rate');
  assert.ok(diverging[0].step! <= 10, `began at ${diverging[0].step}`);
});
