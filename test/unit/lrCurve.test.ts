// The LR range test's math on hand-made curves: schedule, smoothing, stopping, each suggestion (including
// the curves that break other finders: NaN tails, flat curves, early spikes), divergence and the summary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  batchOrder,
  divergenceIndex,
  finitePrefix,
  gradient,
  rowBatches,
  LossSmoother,
  lrSchedule,
  minimumSuggestion,
  slideSuggestion,
  steepSuggestion,
  StopRule,
  suggest,
  summarizeRepeats,
  trimForSuggestions,
  valleySuggestion,
} from '../../src/core/lrCurve';
import { seededRandom } from '../../src/core/random';

const close = (actual: number | undefined, expected: number, rel = 1e-12) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} ≉ ${expected}`);

/** An exponential grid of n LRs from 1e-7 to 10 (the default sweep). */
const grid = (n = 100) => lrSchedule(1e-7, 10, n, 'exp');

test('exp schedule: ends exact, constant ratio 10^(8/99) per step', () => {
  const lrs = grid();
  assert.equal(lrs.length, 100);
  close(lrs[0], 1e-7);
  close(lrs[99], 10);
  for (let i = 1; i < 100; i++) close(lrs[i] / lrs[i - 1], 10 ** (8 / 99), 1e-12);
});

test('linear schedule: evenly spaced from start to end', () => {
  assert.deepEqual(lrSchedule(1, 3, 5, 'linear'), [1, 1.5, 2, 2.5, 3]);
});

test('batch plan: every pass uses each row once, in batches cut from a fresh permutation', () => {
  const plan = rowBatches(10, 4, 7, seededRandom(3)); // 2 batches of 4 per pass, 2 rows dropped each pass
  assert.equal(plan.length, 7);
  for (const batch of plan) assert.equal(batch.length, 4);
  for (let pass = 0; pass < 3; pass++) {
    const rows = plan.slice(2 * pass, 2 * pass + 2).flat();
    assert.equal(new Set(rows).size, 8, 'no row twice in a pass');
    for (const row of rows) assert.ok(row >= 0 && row < 10);
  }
  const compositions = plan.slice(0, 6).map((b) => [...b].sort((x, y) => x - y).join(','));
  assert.ok(new Set(compositions).size > 2, 'new batches each pass, not the same two reordered');
  assert.deepEqual(rowBatches(3, 8, 2, seededRandom(1)).map((b) => [...b].sort()), [[0, 1, 2], [0, 1, 2]], 'fewer rows than a batch: all of them');
  assert.deepEqual(rowBatches(10, 4, 7, seededRandom(3)), plan, 'seeded: the same plan again');
});

test('batch order: each pass visits every batch once, in a fresh order', () => {
  const order = batchOrder(5, 12, seededRandom(2));
  assert.equal(order.length, 12);
  assert.deepEqual([...order.slice(0, 5)].sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual([...order.slice(5, 10)].sort(), [0, 1, 2, 3, 4]);
  assert.notDeepEqual(order.slice(0, 5), order.slice(5, 10));
});

test('smoother: bias-corrected EMA (β 0.98) against hand-computed values; a constant stays exact', () => {
  const s = new LossSmoother();
  close(s.add(1), 1); // 0.02·1 / (1 − 0.98)
  close(s.add(2), (0.98 * 0.02 + 0.02 * 2) / (1 - 0.98 ** 2)); // 1.50505…
  const c = new LossSmoother();
  for (let i = 0; i < 50; i++) close(c.add(3.25), 3.25, 1e-12);
  const n = new LossSmoother();
  n.add(1);
  assert.ok(Number.isNaN(n.add(NaN)));
  assert.ok(Number.isNaN(n.add(1)), 'a NaN never washes out');
});

test('stop rule: 4× the best smoothed loss, or non-finite; the ratio only while the best is positive', () => {
  const rule = new StopRule();
  assert.equal(rule.check(2), undefined);
  assert.equal(rule.check(1), undefined);
  assert.equal(rule.check(4), undefined, 'exactly 4× does not stop');
  assert.equal(rule.check(4.01), 'loss exceeded 4x its best');
  assert.equal(new StopRule().check(NaN), 'loss is not finite');
  assert.equal(new StopRule().check(Infinity), 'loss is not finite');
  const negative = new StopRule();
  assert.equal(negative.check(-1), undefined);
  assert.equal(negative.check(10), undefined, 'no "4× the best" for a negative best');
});

test('finite prefix and trimming: NaN tail cut, first 10 and last 5 dropped (proportionally under 45 points)', () => {
  const lrs = grid();
  const losses = lrs.map((_, i) => (i < 90 ? 1 : NaN));
  const prefix = finitePrefix({ lrs, losses });
  assert.equal(prefix.losses.length, 90);
  const trimmed = trimForSuggestions({ lrs, losses });
  assert.deepEqual(trimmed.lrs, lrs.slice(10, 85));
  assert.deepEqual(trimForSuggestions({ lrs: lrs.slice(0, 45), losses: lrs.slice(0, 45) }).lrs, lrs.slice(10, 40));
  assert.deepEqual(trimForSuggestions({ lrs: lrs.slice(0, 44), losses: lrs.slice(0, 44) }).lrs, lrs.slice(4, 42));
});

test('gradient: numpy.gradient on non-uniform spacing is exact for a quadratic inside', () => {
  const xs = [0, 1, 3, 4, 7];
  const g = gradient(xs.map((x) => x * x), xs);
  for (let i = 1; i < 4; i++) close(g[i], 2 * xs[i], 1e-12);
});

/** A smooth drop of `depth` centred at 10^centre (width ~1 decade), then a blow-up past 10^blowUp. */
function dropCurve(lrs: number[], centre: number, blowUp = Infinity, depth = 1) {
  return lrs.map((lr) => {
    const x = Math.log10(lr);
    return 2 - depth * (1 + Math.tanh(2 * (x - centre))) / 2 + (x > blowUp ? 10 ** (3 * (x - blowUp)) - 1 : 0);
  });
}

test('steep: the steepest fall per decade of LR — the centre of the drop', () => {
  const lrs = grid();
  const lr = steepSuggestion(trimForSuggestions({ lrs, losses: dropCurve(lrs, -3, -0.5) }));
  assert.ok(lr !== undefined && Math.abs(Math.log10(lr) + 3) <= 0.05, `steep ${lr}`);
});

test('steep is per decade, not per unit LR: on a linear sweep it still finds the drop centre', () => {
  const lrs = lrSchedule(1e-4, 1e-2, 200, 'linear');
  const losses = dropCurve(lrs, -2.5);
  const lr = steepSuggestion({ lrs, losses })!;
  // Per unit LR the steepest point would be pulled towards small LRs (d/dlr = d/dlog10 · 1/(lr ln 10)).
  assert.ok(Math.abs(Math.log10(lr) + 2.5) <= 0.02, `steep ${lr}`);
});

test('valley: fastai index start + ⌊len/3⌋ + ⌊len/6⌋ of the longest descending stretch', () => {
  const lrs = Array.from({ length: 40 }, (_, i) => i + 1);
  // Descends over indices 0..30 (31 points), then rises: fastai's max_start = 30 − 31 = −1 → −1 + 10 + 5 = 14.
  const losses = lrs.map((_, i) => (i <= 30 ? 100 - i : 70 + (i - 30) * 5));
  assert.equal(valleySuggestion({ lrs, losses }), lrs[14]);
});

test('valley tolerates noise bumps (a subsequence, not a contiguous run)', () => {
  const lrs = Array.from({ length: 40 }, (_, i) => i + 1);
  const clean = lrs.map((_, i) => (i <= 30 ? 100 - i : 70 + (i - 30) * 5));
  const bumpy = clean.map((l, i) => (i === 8 || i === 20 ? l + 3 : l));
  assert.equal(valleySuggestion({ lrs, losses: bumpy }), valleySuggestion({ lrs, losses: clean }));
});

test('minimum/10: a tenth of the LR of the lowest loss', () => {
  assert.equal(minimumSuggestion({ lrs: [1, 2, 3, 4], losses: [5, 3, 1, 2] }), 0.3);
});

test('slide: on a straight line the slopes agree at once → the LR 15 points before the end', () => {
  const lrs = Array.from({ length: 30 }, (_, i) => i + 1);
  assert.equal(slideSuggestion({ lrs, losses: lrs.map((x) => 10 - 0.1 * x) }), lrs[29 - 15]);
});

test('slide: walks left past the blow-up to where the slope settles', () => {
  const lrs = Array.from({ length: 60 }, (_, i) => i + 1);
  // Slope −0.001 per step up to index 40, then a steep climb: the window's right end must leave the climb.
  const losses = lrs.map((_, i) => (i <= 40 ? 1 - 0.001 * i : 1 - 0.04 + 0.5 * (i - 40) ** 2));
  const lr = slideSuggestion({ lrs, losses })!;
  assert.ok(lr <= lrs[40 - 15], `slide ${lr}`);
  assert.equal(slideSuggestion({ lrs: lrs.slice(0, 15), losses: losses.slice(0, 15) }), undefined, 'absent under 16 points');
});

test('NaN tail: suggestions come from the finite part only', () => {
  const lrs = grid();
  const finite = dropCurve(lrs, -3);
  const withNaN = finite.map((l, i) => (i >= 80 ? NaN : l));
  const s = suggest({ lrs, losses: withNaN });
  const expected = suggest({ lrs: lrs.slice(0, 80), losses: finite.slice(0, 80) });
  assert.deepEqual(s, expected);
  assert.ok(s.steep && Math.abs(Math.log10(s.steep) + 3) < 0.1);
});

test('flat curve: no steep, no valley; minimum/10 is the first LR/10; slide is 15 points from the end', () => {
  const lrs = grid();
  const s = suggest({ lrs, losses: lrs.map(() => 2.3) });
  const trimmed = lrs.slice(10, 95);
  assert.equal(s.steep, undefined);
  assert.equal(s.valley, undefined);
  assert.equal(s.minimum, trimmed[0] / 10);
  assert.equal(s.slide, trimmed[trimmed.length - 1 - 15]);
});

test('rising curve (diverges from the start): no steep, no valley', () => {
  const lrs = grid();
  const s = suggest({ lrs, losses: lrs.map((_, i) => 1 + i) });
  assert.equal(s.steep, undefined);
  assert.equal(s.valley, undefined);
});

test('early spike: valley moves by at most one point; steep lands on the fall right after it (its known weakness)', () => {
  const lrs = grid();
  const clean = dropCurve(lrs, -3, -0.5);
  const spiked = clean.map((l, i) => (i === 12 ? l + 1 : l));
  const s = suggest({ lrs, losses: spiked });
  const valleyShift = Math.abs(Math.log10(s.valley! / suggest({ lrs, losses: clean }).valley!));
  assert.ok(valleyShift <= 8 / 99 + 1e-9, `valley moved ${valleyShift} decades`);
  assert.equal(s.steep, lrs[13]);
});

test('divergence: where the climb to "stays above 2× the running minimum" started', () => {
  // Above 2× from index 6; the climb to it starts after index 4 (1 → 1.5 → 3): step 4's update began it.
  assert.equal(divergenceIndex([5, 4, 3, 2, 1, 1.5, 3, 9]), 4);
  assert.equal(divergenceIndex([5, 4, 3, 2, 1, 1.5, 1.9]), undefined, 'ends below 2× its lowest');
  assert.equal(divergenceIndex([5, 4, 3, 2, 1, 3, 6, 5, 6, 5.5, 6]), 4, 'blow-up, then a noisy plateau');
  assert.equal(divergenceIndex([5, 1, 2.5, 1.2, 3, 1.1, 2.4, 2.3]), 5, 'only the final stretch that stays above counts');
  assert.equal(divergenceIndex([3, 2, 1, NaN]), 2, 'a NaN counts as higher');
  assert.equal(divergenceIndex([NaN, NaN]), undefined, 'NaN before any update: not the LR');
  assert.equal(divergenceIndex([5, 1, 3, 2, 4, 8]), 3, 'a dip breaks the climb');
  assert.equal(divergenceIndex([]), undefined);
});

test('summary of identical repeats: median = the curve, zero band and zero spread', () => {
  const lrs = grid();
  const smoothed = dropCurve(lrs, -3, -0.5);
  const curve = { lrs, losses: smoothed, smoothed };
  const r = summarizeRepeats([curve, curve, curve], { stoppedEarly: false, reason: 'reached endLr' });
  assert.deepEqual(r.median.map((p) => p.loss), smoothed);
  assert.ok(r.band.every((b, i) => b.low === smoothed[i] && b.high === smoothed[i]));
  for (const kind of ['steep', 'valley', 'minimum', 'slide'] as const) assert.equal(r.suggestions[kind]?.spreadDecades, 0, kind);
  assert.equal(r.suggestions.valley?.rule.includes('valley'), true);
});

test('summary: spread in decades between repeats shifted by 0.5 decade; the band is min–max; divergence needs half the repeats', () => {
  const lrs = grid();
  const a = dropCurve(lrs, -3, 0);
  const b = dropCurve(lrs, -2.5, 0);
  const flat = lrs.map(() => 1);
  const r = summarizeRepeats(
    [
      { lrs, losses: a, smoothed: a },
      { lrs, losses: b, smoothed: b },
    ],
    { stoppedEarly: true, reason: 'x' },
  );
  assert.ok(Math.abs(r.suggestions.steep!.spreadDecades - 0.5) <= 0.1, `steep spread ${r.suggestions.steep!.spreadDecades}`);
  r.band.forEach((p, i) => {
    assert.equal(p.low, Math.min(a[i], b[i]));
    assert.equal(p.high, Math.max(a[i], b[i]));
  });
  assert.ok(r.divergenceLr !== undefined);
  const mostlyStable = summarizeRepeats(
    [
      { lrs, losses: a, smoothed: a },
      { lrs, losses: flat, smoothed: flat },
      { lrs, losses: flat, smoothed: flat },
    ],
    { stoppedEarly: false, reason: 'reached endLr' },
  );
  assert.equal(mostlyStable.divergenceLr, undefined, '1 of 3 repeats diverged');
});

test('summary: the median stops where the shortest repeat stopped or turned non-finite', () => {
  const lrs = grid();
  const a = dropCurve(lrs, -3);
  const short = { lrs: lrs.slice(0, 60), losses: a.slice(0, 60), smoothed: a.slice(0, 60) };
  const nan = { lrs, losses: a, smoothed: a.map((l, i) => (i >= 50 ? NaN : l)) };
  const r = summarizeRepeats([{ lrs, losses: a, smoothed: a }, short, nan], { stoppedEarly: true, reason: 'x' });
  assert.equal(r.median.length, 50);
  assert.ok(r.median.every((p) => Number.isFinite(p.loss)));
});
