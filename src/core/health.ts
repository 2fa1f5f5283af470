// Health rules: turn per-layer gradient statistics into findings. Pure; thresholds documented in
// docs/rules/*.md with where each default comes from.
import type { Finding, FindingCode, LayerInfo, LayerStepStats, Severity, Thresholds } from './protocol';
import { formatNumber } from './format';
import { SATURATING } from './activations';

export const DEFAULT_THRESHOLDS: Thresholds = {
  vanishingRelative: 1e-3,
  vanishingAbsolute: 1e-4,
  vanishingMeanAbs: 1e-7,
  // 1 flagged healthy models as an ERROR: a single linear layer at initialization has ‖g‖/‖w‖ ≈ 1.3 (its
  // message then read "would change the weights by 1.3e-3 of their norm; ~1e-3 is healthy"). At 10 a
  // step at lr 1e-3 changes the weights by 1 % of their norm; constant-100 initialization gives ~200.
  explodingRatio: 10,
  explodingNorm: 1e5,
  explodingLossGrowth: 1e3,
  deadShare: 0.7,
  saturatedShare: 0.5,
};

export const RULE_SEVERITY: Record<FindingCode, Severity> = {
  'non-finite': 'error',
  exploding: 'error',
  'loss-diverging': 'error',
  vanishing: 'warning',
  'dead-relu': 'warning',
  saturation: 'warning',
};

export interface StepRecord {
  step: number;
  loss: number;
  layers: LayerStepStats[];
}

/** Where a non-finite value first appeared, found by the runner's diagnostic pass. */
export interface NonFiniteOrigin {
  step: number;
  layer: string;
  pass: 'forward' | 'backward' | 'weights' | 'loss';
}

function layerMeanAbs(stats: LayerStepStats, info: LayerInfo | undefined): number {
  let sum = 0;
  let count = 0;
  for (const w of stats.weights) {
    const size = info?.weights.find((x) => x.name === w.name)?.shape.reduce((a, b) => a * b, 1) ?? 1;
    sum += w.meanAbs * size;
    count += size;
  }
  return count === 0 ? NaN : sum / count;
}

function layerWeightNorm(stats: LayerStepStats): number {
  return Math.sqrt(stats.weights.reduce((s, w) => s + w.weightNorm * w.weightNorm, 0));
}

export function evaluateHealth(
  layers: readonly LayerInfo[],
  steps: readonly StepRecord[],
  thresholdOverrides: Partial<Thresholds> = {},
  nonFiniteOrigin?: NonFiniteOrigin,
): Finding[] {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholdOverrides };
  const info = new Map(layers.map((l) => [l.name, l]));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (code: FindingCode, layerName: string | undefined, step: number, message: string) => {
    const key = `${code}\u0000${layerName ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const location = layerName ? info.get(layerName)?.location : undefined;
    findings.push({ code, severity: RULE_SEVERITY[code], message, layer: layerName, location, step });
  };

  if (nonFiniteOrigin) {
    const where = {
      forward: 'in the forward pass: this layer is the first whose output contains NaN/Inf',
      backward: 'in the backward pass: this layer is the first (from the loss backwards) whose gradients contain NaN/Inf',
      weights: 'in the weights themselves',
      loss: 'in the loss, while every layer output was finite (check the loss function and labels)',
    }[nonFiniteOrigin.pass];
    add(
      'non-finite',
      nonFiniteOrigin.pass === 'loss' ? undefined : nonFiniteOrigin.layer,
      nonFiniteOrigin.step,
      `NaN/Inf at step ${nonFiniteOrigin.step} first appears ${where}. Typical causes: log/sqrt/division of ` +
        `values at or below zero, a learning rate so high that weights overflow, or NaN in the input data. ` +
        `Gradient clipping (clipNorm) and a lower learning rate stop overflow; an epsilon guards log/division.`,
    );
  }

  for (const record of steps) {
    const withWeights = record.layers.filter((l) => l.weights.length > 0);
    for (const l of withWeights) {
      const bad = l.weights.reduce((s, w) => s + w.nanCount + w.infCount, 0);
      if (bad > 0 && !nonFiniteOrigin) {
        add('non-finite', l.name, record.step, `Gradients contain ${bad} NaN/Inf values at step ${record.step}.`);
      }
    }
    const finiteNorms = withWeights.map((l) => l.gradNorm).filter(Number.isFinite);
    const maxNorm = Math.max(0, ...finiteNorms);
    const largest = withWeights.find((l) => l.gradNorm === maxNorm);
    for (const l of withWeights) {
      if (!Number.isFinite(l.gradNorm)) continue;
      const meanAbs = layerMeanAbs(l, info.get(l.name));
      const relative = maxNorm > 0 ? l.gradNorm / maxNorm : 0;
      // A dead ReLU layer has (near-)zero gradients because it is dead: report the cause, not the symptom.
      const dead = l.deadShare !== undefined && l.deadShare >= t.deadShare;
      if (record.step === 0 && !dead && ((relative < t.vanishingRelative && l.gradNorm < t.vanishingAbsolute) || meanAbs < t.vanishingMeanAbs)) {
        const act = info.get(l.name)?.activation;
        add(
          'vanishing',
          l.name,
          record.step,
          `Vanishing gradient: ‖g‖ = ${formatNumber(l.gradNorm)}` +
            (largest && largest !== l ? `, ${formatNumber(relative)} × the largest layer (${largest.name}, ${formatNumber(maxNorm)})` : '') +
            `; mean |g| = ${formatNumber(meanAbs)}. This layer will barely learn. ` +
            (SATURATING.has(act)
              ? `Each ${act} layer multiplies the backward signal by its derivative (≤ 0.25 for sigmoid), so deep stacks shrink it geometrically: prefer ReLU with He initialization, BatchNormalization, or residual connections.`
              : `Consider the initialization (He for ReLU, Glorot for tanh/softmax, LeCun for SELU), BatchNormalization, or residual connections.`),
        );
      }
      const wNorm = layerWeightNorm(l);
      const ratio = wNorm > 0 ? l.gradNorm / wNorm : NaN;
      if (l.gradNorm >= t.explodingNorm || ratio > t.explodingRatio) {
        add(
          'exploding',
          l.name,
          record.step,
          `Exploding gradient at step ${record.step}: ‖g‖ = ${formatNumber(l.gradNorm)}, ‖g‖/‖w‖ = ${formatNumber(ratio)} ` +
            `(one step at learning rate 1e-3 would change the weights by ${formatNumber(ratio * 1e-3)} of their norm; ~1e-3 is healthy). ` +
            `Look for huge initial weights or inputs, and use gradient clipping (clipNorm/clipValue on the optimizer), a lower learning rate, or normalization.`,
        );
      }
    }
    for (const l of record.layers) {
      if (l.deadShare !== undefined && l.deadShare >= t.deadShare) {
        add(
          'dead-relu',
          l.name,
          record.step,
          `Dead ReLU: ${(l.deadShare * 100).toFixed(0)} % of units output 0 for every example of the batch at step ${record.step}, ` +
            `so they get no gradient and cannot recover. Causes: large negative biases, a too-high learning rate, or poor initialization. ` +
            `Try He initialization, a lower learning rate, or LeakyReLU/ELU.`,
        );
      }
      if (l.saturatedShare !== undefined && l.saturatedShare > t.saturatedShare) {
        add(
          'saturation',
          l.name,
          record.step,
          `Saturated activations: ${(l.saturatedShare * 100).toFixed(0)} % of outputs sit in the flat tails of ${info.get(l.name)?.activation ?? 'the activation'} ` +
            `at step ${record.step}, where its derivative is ~0. Scale inputs, use Glorot initialization, add BatchNormalization before the activation, or use ReLU.`,
        );
      }
    }
  }

  const losses = steps.map((s) => s.loss);
  const first = losses[0];
  if (Number.isFinite(first) && first > 0) {
    const worst = steps.find((s, i) => i > 0 && (!Number.isFinite(s.loss) || s.loss / first >= t.explodingLossGrowth));
    if (worst) {
      add(
        'loss-diverging',
        undefined,
        worst.step,
        `The loss grew from ${formatNumber(first)} to ${formatNumber(worst.loss)} by step ${worst.step}: training diverges. ` +
          `Lower the learning rate (run the LR finder) or clip gradients.`,
      );
    }
  }
  return findings;
}
