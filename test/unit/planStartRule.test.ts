// Dead ReLU units at the end of the plan from a written start (src/core/planStartRule.ts). The oracle is the training
// itself: full-batch gradient descent on 20 XOR rows for 2 → 4 ReLU → 1 sigmoid under binary cross-entropy, iterated
// here in plain arithmetic (the same arithmetic numpy gives for harvard-edge/cs249r_book's seed-7 and seed-1986 draws:
// 0.350 → 0.349, one unit dead; 0.0063 → 0.0042, none dead), and the verdict must agree with what the runs show.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { drawsBelow, planStartFinding, startStalled, type PlanStartRun } from '../../src/core/planStartRule';
import { seededRandom } from '../../src/core/random';
import type { LayerInfo } from '../../src/core/protocol';

const OFFSETS = [[0, 0], [0.1, 0.05], [-0.05, 0.1], [0.05, -0.1], [-0.1, -0.05]];
const ROWS = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]].flatMap(([a, b, y]) => OFFSETS.map(([dx, dy]) => [a + dx, b + dy, y]));

/** `steps` full-batch steps at 0.5 from kernels w1 (2 × 4) and w2 (4), zero biases: [start, ¾, end] losses and the dead share at the end. */
function train(w1In: number[][], w2In: number[], steps = 500): { losses: number[]; dead: number } {
  const w1 = w1In.map((r) => [...r]);
  const w2 = [...w2In];
  const b1 = [0, 0, 0, 0];
  let b2 = 0;
  const kept: number[] = [];
  const n = ROWS.length;
  for (let s = 0; s <= steps; s++) {
    let loss = 0;
    const g1 = [[0, 0, 0, 0], [0, 0, 0, 0]];
    const gb1 = [0, 0, 0, 0];
    const g2 = [0, 0, 0, 0];
    let gb2 = 0;
    for (const [x0, x1, y] of ROWS) {
      const h = [0, 1, 2, 3].map((j) => x0 * w1[0][j] + x1 * w1[1][j] + b1[j]);
      const a = h.map((v) => Math.max(v, 0));
      const p = 1 / (1 + Math.exp(-(a.reduce((t, v, j) => t + v * w2[j], 0) + b2)));
      loss -= (y * Math.log(p) + (1 - y) * Math.log(1 - p)) / n;
      const dz = (p - y) / n;
      gb2 += dz;
      for (let j = 0; j < 4; j++) {
        g2[j] += a[j] * dz;
        const da = h[j] > 0 ? dz * w2[j] : 0;
        g1[0][j] += x0 * da;
        g1[1][j] += x1 * da;
        gb1[j] += da;
      }
    }
    if (s === 0 || s === Math.round(0.75 * steps) || s === steps) kept.push(loss);
    if (s === steps) break;
    for (let j = 0; j < 4; j++) {
      w1[0][j] -= 0.5 * g1[0][j];
      w1[1][j] -= 0.5 * g1[1][j];
      b1[j] -= 0.5 * gb1[j];
      w2[j] -= 0.5 * g2[j];
    }
    b2 -= 0.5 * gb2;
  }
  const alive = [0, 1, 2, 3].filter((j) => ROWS.some(([x0, x1]) => x0 * w1[0][j] + x1 * w1[1][j] + b1[j] > 0)).length;
  return { losses: kept, dead: (4 - alive) / 4 };
}

/** Glorot-uniform kernels from a seeded generator (tfjs's default for Dense), as the runner's fresh draws are. */
function draw(seed: number): [number[][], number[]] {
  const random = seededRandom(seed);
  const u = (limit: number) => (2 * random() - 1) * limit;
  return [[0, 1].map(() => [0, 1, 2, 3].map(() => u(Math.sqrt(6 / 6)))), [0, 1, 2, 3].map(() => u(Math.sqrt(6 / 5)))];
}

const SEED7: [number[][], number[]] = [[[0.00087, 0.211245, -0.193845, -0.629744], [-0.321501, -0.7012, 0.042528, 0.947675]], [-0.246103, -0.310237, 0.244921, 0.178444]];
const SEED1986: [number[][], number[]] = [[[-0.62156, -0.395096, 0.628399, -0.134708], [0.432176, 0.67004, -1.908948, -0.076384]], [-0.224678, -0.486527, -0.059626, -0.884317]];
const layers: LayerInfo[] = [{ name: 'hidden', className: 'Dense', activation: 'relu', location: { file: '/m.js', line: 7, column: 11 } } as LayerInfo];
const t = { lossImprovement: 0.01 };

/** The probe's report for a start: its run, and the end of the same plan from four seeded draws. */
function probe(start: [number[][], number[]], seeds = [1, 2, 3, 4]): PlanStartRun {
  const run = train(...start);
  return { steps: 500, factor: 1, losses: run.losses, layers: ['hidden'], shares: [run.dead], drawEnds: seeds.map((s) => train(...draw(s)).losses[2]) };
}

test('the iterated runs match numpy: seed 7 stalls at 0.349 with one unit dead, seed 1986 keeps falling with none', () => {
  const dead = train(...SEED7);
  assert.ok(Math.abs(dead.losses[1] - 0.35) < 0.002 && Math.abs(dead.losses[2] - 0.3487) < 0.002, String(dead.losses));
  assert.equal(dead.dead, 0.25);
  const live = train(...SEED1986);
  assert.ok(Math.abs(live.losses[2] - 0.0042) < 0.0005, String(live.losses));
  assert.equal(live.dead, 0);
});

test('seed 7: the stalled, dead start against draws that train — a dead-relu warning on the hidden layer', () => {
  const run = probe(SEED7);
  assert.ok(drawsBelow(run) >= 3, `draws ${run.drawEnds}`);
  const finding = planStartFinding(run, layers, 500, t);
  assert.equal(finding?.code, 'dead-relu');
  assert.equal(finding?.severity, 'warning');
  assert.equal(finding?.location?.line, 7);
  assert.match(finding!.message, /25 % of hidden's units outputting 0 on every row .* stalled at 0\.35/);
});

test('seed 1986: no unit dead and the loss still falling — not stalled, no finding', () => {
  const run = probe(SEED1986);
  assert.equal(startStalled(run.losses, run.shares, t), false);
  assert.equal(planStartFinding(run, layers, 500, t), undefined);
});

test('near misses: draws that stall as well, only half of them below, or a loss still falling', () => {
  const run = probe(SEED7);
  const end = run.losses[2];
  // Every draw ends where the written start does: the plan, not the start, stops there.
  assert.equal(planStartFinding({ ...run, drawEnds: [end, end * 0.9, end, end * 1.1] }, layers, 500, t), undefined);
  // Two of four below half: not most of the draws.
  assert.equal(planStartFinding({ ...run, drawEnds: [0.01, 0.02, end, end] }, layers, 500, t), undefined);
  // The last quarter took off 1.5 %, over the profile's own bar (1 %) for a loss that fell.
  assert.equal(planStartFinding({ ...run, losses: [0.69, 0.36, 0.36 * 0.985] }, layers, 500, t), undefined);
  // No unit dead at the end: not this rule's.
  assert.equal(planStartFinding({ ...run, shares: [0] }, layers, 500, t), undefined);
  // No draws (the probe stopped): nothing judged.
  assert.equal(planStartFinding({ ...run, drawEnds: [] }, layers, 500, t), undefined);
});
