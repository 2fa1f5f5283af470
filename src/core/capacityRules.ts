// A hidden Dense layer of one unit that reads two or more features: every layer after it sees one number per example,
// so the model's output is a function of one linear projection w·x + b of those features. Exact, whatever the weights
// or the data: the function is constant on every hyperplane w·x = c, so a classifier's decision boundary is a set of
// parallel hyperplanes (a single one when the layers after it are monotone, as tanh → sigmoid) and a regression fits a
// single-index curve. A recurrent layer of one unit that returns only its last state is the same bottleneck for a
// sequence: the example's steps × features reach the layers after it as one number. Sources and evidence:
// docs/rules/capacity-bottleneck.md.
import type { Finding, LayerInfo, OutputInfo } from './protocol';
import { RULE_SEVERITY } from './healthModel';

/** Layers that combine their input with other branches: a one-unit input to them is a score or gate, not the whole signal. */
const MERGES = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot']);

/** Recurrent layers whose state is their output (`units` numbers per step). */
const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN']);

/** The numbers one example feeds a layer: the product of its input shape past the batch axis (unknown axes count as 1). */
const numbersIn = (shape: readonly (number | null)[] | undefined) => (shape ?? []).slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);

/** A top-level Dense whose kernel reads one input (fan-in 1). */
const readsOneNumber = (layer: LayerInfo) => layer.className === 'Dense' && layer.weights.some((w) => /kernel$/.test(w.name) && w.shape.length === 2 && w.shape[0] === 1);

export function capacityBottleneck(layers: readonly LayerInfo[], outputs: readonly OutputInfo[]): Finding[] {
  if (!outputs.length) return [];
  const outputLayers = new Set(outputs.map((o) => o.layer));
  const findings: Finding[] = [];
  for (const [index, layer] of layers.entries()) {
    const recurrent = RECURRENT.has(layer.className);
    if ((layer.className !== 'Dense' && !recurrent) || outputLayers.has(layer.name) || layer.parent !== undefined) continue;
    const kernel = layer.weights.find((w) => /(^|\/)kernel$/.test(w.name));
    const shape = layer.outputShape;
    // One number per example: [batch, 1]. A Dense on [batch, time, features] scores each step (attention), and a
    // recurrent layer returning sequences hands on one number per step: neither is a bottleneck.
    if (!kernel || kernel.shape.length !== 2 || !shape || shape.length !== 2 || shape[1] !== 1) continue;
    // A recurrent kernel is [features, gates × units]: its one unit shows in the output shape (checked above).
    if (!recurrent && kernel.shape[1] !== 1) continue;
    const features = kernel.shape[0];
    // A recurrent layer reads steps × features; a step count the model leaves open (null) counts as one.
    const numbers = recurrent ? Math.max(features, numbersIn(layer.inputShape)) : features;
    const readers = layer.readBy ?? [];
    if (numbers < 2 || readers.length === 0 || readers.some((r) => MERGES.has(r))) continue;
    // A later weighted layer must read that one number: Dense(1) followed only by an Activation layer is the output's
    // pre-activation (Stack Overflow 31556268's XOR fix), not a hidden bottleneck.
    if (!layers.slice(index + 1).some((l) => l.parent === undefined && readsOneNumber(l))) continue;
    const steps = layer.inputShape?.[1];
    findings.push({
      code: 'capacity-bottleneck',
      severity: RULE_SEVERITY['capacity-bottleneck'],
      step: 0,
      layer: layer.name,
      location: layer.location,
      message: recurrent
        ? `A recurrent layer of one unit: ${layer.name} (${layer.className}) reads each example as ${typeof steps === 'number' ? `${steps} steps` : 'a sequence'} of ${features} feature${features === 1 ? '' : 's'} ` +
          `but carries ${layer.className === 'LSTM' ? 'two numbers (its cell state and its output)' : 'one number (its state)'} from step to step and hands one number, its last state, to the layers after it: ` +
          `whatever the weights, the model's output is a function of that one number. Its memory is a one-number summary of the sequence (Goodfellow et al. §10.2: the state is a lossy summary of the past, ` +
          `and how much it can keep grows with its size; §6.4.1 for the width). Too little capacity for a sequence that needs more than one number remembered. ` +
          `Give it more units (memory cells), or stack recurrent layers.`
        : `A hidden layer of one unit: ${layer.name} turns each example's ${features} features into a single number, and every layer after it sees only that number. ` +
          `Whatever the weights, the model's output is then a function of one linear projection w·x + b of those features: it cannot change along any direction that keeps w·x fixed, ` +
          `so a classifier's decision boundary is made of parallel hyperplanes (a single one when the layers after it are monotone in it, as a tanh or sigmoid unit into a sigmoid output is) and a regression fits one curve of one projection. ` +
          `Too little capacity for any task that needs curved boundaries or several directions (Goodfellow et al. §6.4.1; Johnson 2019: networks no wider than their input cannot enclose a region). ` +
          `Widen it to several units, or remove it if a linear model is what you want.`,
    });
  }
  return findings;
}
