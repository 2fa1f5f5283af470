// The recommendation's rules on hand-made curves and short-run outcomes: the ladder below the divergence
// LR, the refinements around its winner, the flat and disagreeing curves that get no number, and the
// confidence of a checked rate.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lrSchedule } from '../../src/core/lrCurve';
import { checkStepsFor, curveDrop, fittedBest, judgeCurve, ladder, ownRateSentence, pendingRates, recommend, refinements } from '../../src/core/lrRecommend';
import type { LrResult } from '../../src/core/protocol';

const close = (actual: number | undefined, expected: number, rel = 1e-12) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} ≉ ${expected}`);

/** A result whose median curve is `loss(lr)` on the default 100-point sweep. */
function result(loss: (lr: number, i: number) => number, divergenceLr?: number): LrResult {
  const lrs = lrSchedule(1e-7, 10, 100, 'exp');
  const median = lrs.map((lr, i) => ({ lr, loss: loss(lr, i) }));
  return { median, band: median.map((p) => ({ lr: p.lr, low: p.loss, high: p.loss })), suggestions: {}, divergenceLr, stoppedEarly: false, reason: 'reached endLr' };
}

const descending = (lr: number) => 2.3 / (1 + 50 * lr) + (lr > 1 ? 10 * lr : 0);
const flatNoise = (_: number, i: number) => 0.69 + 0.002 * Math.sin(i * 1.7);

test('curveDrop: share the smoothed loss falls below its level after the warm-up', () => {
  close(curveDrop(result(() => 1)), 0);
  const drop = curveDrop(result(descending));
  assert.ok(drop > 0.8, `drop ${drop}`);
  assert.ok(curveDrop(result(flatNoise)) < 0.01);
});

test('ladder: five rates half a decade apart below the divergence LR, within the sweep', () => {
  const rungs = ladder(1, 1e-7);
  assert.equal(rungs.length, 5);
  for (const [k, lr] of rungs.entries()) close(lr, 10 ** (-(k + 1) / 2));
  assert.equal(ladder(1e-6, 2e-7).length, 1, 'rates below the sweep start are left out');
  const [low, high] = refinements(0.01);
  close(low, 0.01 / 10 ** 0.25);
  close(high, 0.01 * 10 ** 0.25);
});

test('pendingRates: the ladder, then the two refinements around its best finite run, then nothing', () => {
  const rungs = [0.3, 0.1, 0.03];
  const range = { startLr: 1e-7, endLr: 10 };
  assert.deepEqual(pendingRates(rungs, [], range), rungs);
  const done = [
    { lr: 0.3, loss: null },
    { lr: 0.1, loss: 0.5 },
    { lr: 0.03, loss: 0.7 },
  ];
  const next = pendingRates(rungs, done, range);
  assert.equal(next.length, 2);
  close(next[0], 0.1 / 10 ** 0.25);
  close(next[1], 0.1 * 10 ** 0.25);
  assert.deepEqual(pendingRates(rungs, [...done, ...next.map((lr) => ({ lr, loss: 0.6 }))], range), []);
  assert.deepEqual(pendingRates(rungs, rungs.map((lr) => ({ lr, loss: null })), range), [], 'all diverged: no refinement');
});

test('judgeCurve: divergence anchors the ladder; flat noise without divergence, or repeats a decade apart, get no rate', () => {
  const diverging = judgeCurve(result(descending, 2), [1.8, 2.2]);
  assert.equal(diverging.top, 2);
  assert.equal(diverging.topBasis, 'divergence');
  assert.equal(diverging.flat, false);

  const flat = judgeCurve(result(flatNoise), []);
  assert.equal(flat.flat, true);
  assert.equal(flat.topBasis, 'end', 'short runs may still try the top of the range');
  close(flat.top, 10);
  assert.match(flat.unsupported!, /neither fell nor diverged/);
  assert.equal(recommend(flat, undefined).lr, undefined, 'unchecked, flat noise gives no number');
  const found = recommend(flat, [
    { lr: 1, loss: null },
    { lr: 0.3, loss: 0.5 },
    { lr: 0.1, loss: 0.6 },
  ], { steps: 200, initialLoss: 0.7 });
  assert.equal(found.lr, 0.3, 'a short run that learns gives a number even on a flat curve');
  assert.match(found.why, /the end of the sweep 1\.0e\+1 \(a flat curve that never diverged\)/);

  const flatThenDiverging = judgeCurve(result(flatNoise, 2.7), [2.7, 2.7, 3]);
  assert.equal(flatThenDiverging.flat, true, 'a flat curve that diverges still has a ladder');
  assert.equal(flatThenDiverging.top, 2.7);

  const disagreeing = judgeCurve(result(descending, 0.5), [0.05, 0.5, 2]);
  assert.match(disagreeing.unsupported!, /1\.6 decades apart \(5\.0e-2 to 2\.0e\+0\)/);
  assert.equal(disagreeing.top, 0.05, 'repeats a decade apart: the ladder starts at the earliest divergence');
  assert.equal(disagreeing.topBasis, 'earliest-divergence');
  const agreeing = judgeCurve(result(descending, 0.5), [0.3, 0.5, 2]);
  assert.equal(agreeing.unsupported, undefined, 'near miss: 0.8 decades apart is agreement');
  assert.equal(agreeing.top, 0.5, '… and the ladder starts at the median curve\'s divergence');

  const noDivergence = judgeCurve(result((lr) => 2.3 / (1 + 50 * lr)), []);
  assert.equal(noDivergence.topBasis, 'minimum');
  assert.equal(noDivergence.top, 10, 'the lowest point of a still-falling curve is its end');
});

test('recommend: repeats a decade apart get no number from the curve alone; short runs below the earliest divergence choose one and say why', () => {
  const verdict = judgeCurve(result((lr) => 2.3 / (1 + lr), 0.5), [0.05, 0.5, 2]);
  const none = recommend(verdict, undefined);
  assert.equal(none.lr, undefined);
  assert.match(none.why, /^No learning rate: the repeats diverged at rates 1\.6 decades apart .*: the curve does not pin down a rate\.$/);
  const checked = recommend(verdict, [
    { lr: 0.05 / 10 ** 0.5, loss: 0.9 },
    { lr: 0.05 / 10, loss: 0.5 },
    { lr: 0.05 / 10 ** 1.5, loss: 0.8 },
  ], { steps: 100, initialLoss: 2.3 });
  close(checked.lr!, 0.005, 0.3);
  assert.equal(checked.basis, 'short-run');
  assert.match(checked.why, /of the earliest divergence LR 5\.0e-2 \(the repeats diverged at rates 1\.6 decades apart \(5\.0e-2 to 2\.0e\+0\); the ladder starts below the rate at which one initialisation already diverged\)/);
});

test('recommend: without short runs, a tenth of the divergence LR, sure only when the curve descends', () => {
  const rec = recommend({ flat: false, top: 2, topBasis: 'divergence' }, undefined);
  close(rec.lr, 0.2);
  assert.equal(rec.basis, 'curve');
  assert.equal(rec.confidence, 'medium');
  assert.match(rec.why, /not checked by a short run/);
  assert.equal(recommend({ flat: true, top: 2, topBasis: 'divergence' }, undefined).confidence, 'low');
  const none = recommend({ flat: true, unsupported: 'the loss neither fell nor diverged' }, undefined);
  assert.equal(none.lr, undefined);
  assert.equal(none.confidence, 'none');
  assert.match(none.why, /^No learning rate: the loss neither fell nor diverged\.$/);
});

test('recommend: the short run with the lowest held-out loss wins; its confidence says how clear the win was', () => {
  const verdict = { flat: false, top: 1, topBasis: 'divergence' as const };
  const check = { steps: 200, initialLoss: 2.3 };
  const clear = recommend(verdict, [
    { lr: 0.3, loss: null },
    { lr: 0.1, loss: 0.9 },
    { lr: 0.03, loss: 0.4 },
    { lr: 0.01, loss: 0.8 },
  ], check);
  assert.equal(clear.lr, 0.03);
  assert.equal(clear.confidence, 'high');
  assert.equal(clear.basis, 'short-run');
  assert.match(clear.why, /^Checked by a short run: 4 rates .* 200 steps each from the same initial weights; 3\.0e-2 reached the lowest held-out loss 0\.400 \(untrained 2\.30\)\./);
  assert.deepEqual(clear.checks?.[0], { lr: 0.3, loss: null });

  const tied = recommend(verdict, [
    { lr: 0.1, loss: 0.5 },
    { lr: 0.03, loss: 0.4 },
    { lr: 0.01, loss: 0.405 },
  ], check);
  assert.equal(tied.confidence, 'medium');
  assert.match(tied.why, /1\.0e-2 did almost as well \(0\.405\)/);

  const edge = recommend(verdict, [
    { lr: 0.1, loss: 0.9 },
    { lr: 0.03, loss: 0.6 },
    { lr: 0.01, loss: 0.4 },
  ], check);
  assert.equal(edge.lr, 0.01);
  assert.equal(edge.confidence, 'low');
  assert.match(edge.why, /lowest rate tried: the best may lie beyond it/);
});

test('fittedBest: the vertex of a parabola in log LR through the runs within half a decade of the best, kept within a quarter decade', () => {
  // Losses on an exact parabola with its minimum at 10^-1.6: the fit recovers it from five runs around the best (3e-2 = 10^-1.52).
  const onParabola = (lr: number) => 0.3 + 0.8 * (Math.log10(lr) + 1.6) ** 2;
  const rates = [0.1, 0.0562, 0.0316, 0.0178, 0.01];
  const runs = rates.map((lr) => ({ lr, loss: onParabola(lr) }));
  const best = runs[2];
  assert.ok(Math.abs(Math.log10(fittedBest(runs, best)) + 1.6) < 1e-9, `vertex ${fittedBest(runs, best)}`);
  // A vertex beyond a quarter decade is cut there; a diverged neighbour above keeps the rate from moving up.
  const steep = (lr: number) => 0.3 + 0.8 * (Math.log10(lr) + 1.0) ** 2 + 0.5 * Math.log10(lr);
  const skewed = rates.map((lr) => ({ lr, loss: steep(lr) }));
  const low = [...skewed].sort((a, b) => a.loss - b.loss)[0];
  const cut = fittedBest(skewed, low);
  assert.ok(Math.abs(Math.log10(cut / low.lr)) <= 0.25 + 1e-9, `moved ${Math.log10(cut / low.lr)} decades`);
  const upwards = [{ lr: 0.0316, loss: 0.5 }, { lr: 0.0562, loss: 0.45 }, { lr: 0.1, loss: 0.42 }, { lr: 0.178, loss: null }];
  assert.ok(fittedBest(upwards, upwards[2]) <= 0.1, 'no move towards the diverged 0.178');
  // No fit: the best at an edge, under 3 finite runs nearby, or a parabola that opens downwards.
  assert.equal(fittedBest([{ lr: 0.01, loss: 0.4 }, { lr: 0.0178, loss: 0.5 }, { lr: 0.0316, loss: 0.6 }], { lr: 0.01, loss: 0.4 }), 0.01);
  assert.equal(fittedBest([{ lr: 0.01, loss: 0.5 }, { lr: 0.03, loss: 0.4 }, { lr: 0.1, loss: 0.45 }], { lr: 0.03, loss: 0.4 }), 0.03, 'neighbours half a decade away: only two within the window');
  const wavy = [-0.5, -0.25, 0, 0.25, 0.5].map((x, i) => ({ lr: 0.0316 * 10 ** x, loss: [0.3, 0.36, 0.29, 0.37, 0.31][i] }));
  assert.equal(fittedBest(wavy, wavy[2]), wavy[2].lr, 'a parabola that opens downwards: keep the best run');
});

test('recommend: no number when no short run learned anything', () => {
  const rec = recommend({ flat: true, top: 2.7, topBasis: 'divergence' }, [
    { lr: 0.9, loss: null },
    { lr: 0.27, loss: 0.7 },
    { lr: 0.09, loss: 0.695 },
  ], { steps: 200, initialLoss: 0.7 });
  assert.equal(rec.lr, undefined);
  assert.equal(rec.confidence, 'none');
  assert.match(rec.why, /none of 3 short runs \(200 steps each, 9\.0e-2 to 9\.0e-1\) lowered the held-out loss below 0\.700/);
});

test("checkStepsFor: the request's steps, else the script's training length within 50–500, else the fallback", () => {
  assert.equal(checkStepsFor(0, 1000, 200), 0, 'an explicit 0 turns the short runs off');
  assert.equal(checkStepsFor(120, 1000, 200), 120);
  assert.equal(checkStepsFor(undefined, 256, 200), 256, 'fit(epochs 8) over 32 batches');
  assert.equal(checkStepsFor(undefined, 10, 200), 50);
  assert.equal(checkStepsFor(undefined, 50_000, 200), 500);
  assert.equal(checkStepsFor(undefined, undefined, 200), 200, 'a sampleBatch export has no training length');
});

// bench/realworld batch 3: 100 rows of random targets, batch 32 — too few rows to hold a fifth out beside a
// batch, so the short runs were scored on their training rows, but every sentence said "held-out loss 0.026".
test('short runs scored on their training rows say so (why, own rate, scoredOn); held-out ones keep their words', () => {
  const verdict = { flat: false, top: 1, topBasis: 'divergence' as const };
  const runs = [
    { lr: 0.1, loss: 0.9 },
    { lr: 0.03, loss: 0.4 },
    { lr: 0.01, loss: 0.8 },
  ];
  const training = recommend(verdict, runs, { steps: 200, initialLoss: 2.3, heldOut: false });
  assert.equal(training.scoredOn, 'training');
  assert.match(training.why, /3\.0e-2 reached the lowest loss on the training rows 0\.400 \(untrained 2\.30\)\..* Scored on the training rows: the data has too few rows to hold a fifth out beside a batch \(or comes as a dataset\), so this says how fast each rate fits them, not how well it generalises\.$/);
  assert.doesNotMatch(training.why, /held-out/);
  assert.equal(ownRateSentence({ lr: 0.01, loss: 0.5 }, training), "the model's own rate 0.01: loss on the training rows 0.5 after the same 200 steps (untrained 2.3)");
  const none = recommend(verdict, [{ lr: 0.1, loss: 2.3 }], { steps: 200, initialLoss: 2.3, heldOut: false });
  assert.match(none.why, /lowered the loss on the training rows below 2\.30/);

  for (const heldOut of [true, undefined]) {
    const held = recommend(verdict, runs, { steps: 200, initialLoss: 2.3, heldOut });
    assert.equal(held.scoredOn, 'held-out');
    assert.match(held.why, /reached the lowest held-out loss 0\.400/);
    assert.doesNotMatch(held.why, /training rows/);
    assert.match(ownRateSentence({ lr: 0.01, loss: 0.5 }, held), /: held-out loss 0\.5 after/);
  }
});
