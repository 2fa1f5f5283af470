// The bounded timeline: memory stays bounded however many steps arrive, while the first and last steps,
// the loss extremes and every step a finding names stay exact, and merged points keep their extremes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { pushThinned, Timeline } from '../../src/core/timeline';
import type { WatchStep } from '../../src/core/watchProtocol';

const step = (n: number, loss = 1 / (n + 1), gradNorm = 1e-2): WatchStep => ({
  step: n,
  epoch: Math.floor(n / 100),
  loss,
  layers: [
    { name: 'dense_Dense1', gradNorm },
    { name: 'dense_Dense2', gradNorm: gradNorm * 10 },
  ],
});

test('short runs keep every step exactly', () => {
  const t = new Timeline(100);
  for (let i = 0; i < 50; i++) t.add(step(i));
  const points = t.points();
  assert.equal(points.length, 50);
  assert.deepEqual(points.map((p) => p.step), [...Array(50).keys()]);
  assert.ok(points.every((p) => p.stepEnd === undefined));
});

test('100,000 steps stay within maxPoints, ordered, covering every step once', () => {
  const t = new Timeline(400);
  for (let i = 0; i < 100_000; i++) t.add(step(i));
  const points = t.points();
  assert.ok(points.length <= 400, `${points.length} points`);
  assert.ok(points.length >= 100, `${points.length} points: resolution collapsed`);
  assert.equal(t.steps, 100_000);
  // Contiguous, non-overlapping cover of steps 0…99,999.
  let next = 0;
  for (const p of points) {
    assert.equal(p.step, next);
    next = (p.stepEnd ?? p.step) + 1;
  }
  assert.equal(next, 100_000);
  assert.equal(points[0].step, 0);
  assert.equal(points[points.length - 1].step, 99_999);
  assert.equal(points[points.length - 1].stepEnd, undefined, 'the last step is exact');
});

test('a spike merged into a bucket survives as the bucket extremes; the global extremes stay exact points', () => {
  const t = new Timeline(64);
  const lossAt = (i: number) => (i === 3_333 ? 50 : i === 7_777 ? 0.001 : 1 + (i % 7) * 0.01);
  for (let i = 0; i < 10_000; i++) t.add(step(i, lossAt(i), i === 4_444 ? 1e6 : 1e-2));
  const points = t.points();
  assert.ok(points.length <= 64);
  const highest = points.find((p) => p.step === 3_333);
  assert.ok(highest && highest.stepEnd === undefined && highest.loss === 50, 'highest loss kept as its own point');
  const lowest = points.find((p) => p.step === 7_777);
  assert.ok(lowest && lowest.stepEnd === undefined && lowest.loss === 0.001, 'lowest loss kept as its own point');
  // The gradient spike at 4,444 is inside a merged bucket whose maximum remembers it.
  const bucket = points.find((p) => p.step <= 4_444 && 4_444 <= (p.stepEnd ?? p.step))!;
  assert.ok(bucket.stepEnd !== undefined, 'merged');
  assert.equal(bucket.layers[0].gradNormMax, 1e6);
  assert.equal(bucket.layers[1].gradNormMax, 1e7);
  assert.equal(bucket.layers[0].gradNormMin, 1e-2);
  assert.ok(bucket.lossMin! >= 1 && bucket.lossMax! <= 1.07);
});

test('steps a finding names stay exact points even when the finding arrives later', () => {
  const t = new Timeline(50);
  const pinned = [17, 2_000, 6_123, 9_990];
  for (let i = 0; i < 10_000; i++) {
    t.add(step(i));
    // A finding is reported some steps after its condition began (it must persist first).
    for (const p of pinned) if (i === p + 12) t.pin(p);
  }
  const points = t.points();
  for (const p of pinned) {
    const point = points.find((q) => q.step === p);
    assert.ok(point, `step ${p} is a point`);
    assert.equal(point.stepEnd, undefined, `step ${p} is exact`);
  }
  assert.ok(points.length <= 50 + pinned.length, `${points.length} points`);
});

test('NaN losses do not poison the extremes', () => {
  const t = new Timeline(16);
  for (let i = 0; i < 200; i++) t.add(step(i, i >= 150 ? NaN : 2 - i / 200));
  const merged = t.points().filter((p) => p.stepEnd !== undefined);
  assert.ok(merged.length > 0);
  for (const p of merged) assert.ok(Number.isFinite(p.lossMin!) || p.step >= 150, `step ${p.step}: ${p.lossMin}`);
});

test('pushThinned keeps the first and last and halves when full', () => {
  const list: number[] = [];
  for (let i = 0; i < 1000; i++) pushThinned(list, i, 10);
  assert.ok(list.length <= 10);
  assert.equal(list[0], 0);
  assert.equal(list[list.length - 1], 999);
  assert.deepEqual([...list].sort((a, b) => a - b), list);
});
