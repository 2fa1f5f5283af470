// A hidden Dense layer of one unit that reads two or more features: every layer after it sees one number per example,
// so the model's output is a function of one linear projection w·x + b of those features. Exact, whatever the weights
// or the data: the function is constant on every hyperplane w·x = c, so a classifier's decision boundary is a set of
// parallel hyperplanes (a single one when the layers after it are monotone, as tanh → sigmoid) and a regression fits a
// single-index curve. Sources and evidence: docs/rules/capacity-bottleneck.md.
import type { Finding, LayerInfo, OutputInfo } from './protocol';
import { RULE_SEVERITY } from './healthModel';

/** Layers that combine their input with other branches: a one-unit input to them is a score or gate, not the whole signal. */
const MERGES = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot']);

/** A top-level Dense whose kernel reads one input (fan-in 1). */
const readsOneNumber = (layer: LayerInfo) => layer.className === 'Dense' && layer.weights.some((w) => /kernel$/.test(w.name) && w.shape.length === 2 && w.shape[0] === 1);

export function capacityBottleneck(layers: readonly LayerInfo[], outputs: readonly OutputInfo[]): Finding[] {
  if (!outputs.length) return [];
  const outputLayers = new Set(outputs.map((o) => o.layer));
  const findings: Finding[] = [];
  for (const [index, layer] of layers.entries()) {
    if (layer.className !== 'Dense' || outputLayers.has(layer.name) || layer.parent !== undefined) continue;
    const kernel = layer.weights.find((w) => /kernel$/.test(w.name));
    const shape = layer.outputShape;
    // One number per example: [batch, 1]. A Dense on [batch, time, features] scores each step (attention), not a bottleneck.
    if (!kernel || kernel.shape.length !== 2 || kernel.shape[1] !== 1 || !shape || shape.length !== 2 || shape[1] !== 1) continue;
    const features = kernel.shape[0];
    const readers = layer.readBy ?? [];
    if (features < 2 || readers.length === 0 || readers.some((r) => MERGES.has(r))) continue;
    // A later weighted layer must read that one number: Dense(1) followed only by an Activation layer is the output's
    // pre-activation (Stack Overflow 31556268's XOR fix), not a hidden bottleneck.
    if (!layers.slice(index + 1).some((l) => l.parent === undefined && readsOneNumber(l))) continue;
    findings.push({
      code: 'capacity-bottleneck',
      severity: RULE_SEVERITY['capacity-bottleneck'],
      step: 0,
      layer: layer.name,
      location: layer.location,
      message:
        `A hidden layer of one unit: ${layer.name} turns each example's ${features} features into a single number, and every layer after it sees only that number. ` +
        `Whatever the weights, the model's output is then a function of one linear projection w·x + b of those features: it cannot change along any direction that keeps w·x fixed, ` +
        `so a classifier's decision boundary is made of parallel hyperplanes (a single one when the layers after it are monotone in it, as a tanh or sigmoid unit into a sigmoid output is) and a regression fits one curve of one projection. ` +
        `Too little capacity for any task that needs curved boundaries or several directions (Goodfellow et al. §6.4.1; Johnson 2019: networks no wider than their input cannot enclose a region). ` +
        `Widen it to several units, or remove it if a linear model is what you want.`,
    });
  }
  return findings;
}
