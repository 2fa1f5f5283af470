// The vanishing gradient across a stack of sigmoid/tanh hidden layers, measured the way Nielsen measures it
// ("Neural Networks and Deep Learning", ch. 5): each hidden layer's speed of learning is its error signal
// δ = ∂C/∂b, and the problem is that it falls layer by layer towards the input — ×~0.2 per sigmoid layer, so the
// first of four hidden layers learns ~100× slower than the last. The whole-layer ‖g‖ of the vanishing rule mixes
// that fall with each layer's fan-in and input scale (a 784-input kernel's x·δ outweighs a 30-input one's), and its
// absolute floor is meant for networks whose every gradient is small; this rule compares δ per unit within the stack.
import type { Finding, LayerInfo, LayerStepStats } from './protocol';
import { SATURATING } from './activations';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY, type StepRecord } from './healthModel';
import { isBias, linesText, persistence, related, track, type Hit, type LayerRuleContext } from './layerHits';

/**
 * The stack's lower layers are vanishing when their δ per unit is at most this fraction of the stack's top hidden
 * layer's. Nielsen's stored measurements (fig/norms_during_training_{3,4}_layers.json, first/last hidden layer at
 * every one of 500 epochs): his four-sigmoid-layer network — the chapter's example of the vanishing gradient problem,
 * "about 100 times" — stays within 0.0073–0.020, his three-layer one within 0.033–0.068 (and two layers 0.20–0.83).
 * 0.025 is the geometric middle of the gap between them.
 */
export const STACK_FALL = 0.025;
/**
 * Optimizers whose step is the learning rate times the gradient (tfjs's Adadelta too: its accumulators stay equal,
 * see rateRules' optimizerRateNote), so a 100× smaller δ is a 100× slower layer. Adam, Adamax, RMSProp and Adagrad
 * divide each weight's gradient by its own running scale (Kingma & Ba 2015 §2.1: the step is invariant to the
 * gradient's scale); bench/saturatingStacks.ts measured 4–6 sigmoid layers training under Adam about as well as 2
 * (docs/lint/deep-saturating-stack.md), so there the fall is information.
 */
const GRADIENT_PROPORTIONAL = new Set(['SGD', 'Momentum', 'Adadelta']);

/**
 * Layers whose output is activation(W·x + b), so that ∂L/∂b is the units' error signal δ as in Nielsen's network2.
 * Recurrent layers (SimpleRNN, LSTM, GRU) sum δ over time steps and gates: not this measure, and they break a run.
 */
const FEEDFORWARD = new Set(['Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose', 'DepthwiseConv2D', 'SeparableConv2D']);

/** Runs of ≥ 2 feed-forward hidden layers in model order, each with a saturating activation and a bias (δ is read from it). */
export function saturatingStacks(ctx: LayerRuleContext): LayerInfo[][] {
  const stacks: LayerInfo[][] = [];
  let run: LayerInfo[] = [];
  const close = () => {
    if (run.length >= 2) stacks.push(run);
    run = [];
  };
  for (const layer of ctx.layers) {
    // Layers without weights (Dropout, Flatten, Reshape) pass δ through unchanged and do not break the run.
    if (layer.weights.length === 0) continue;
    const counts = FEEDFORWARD.has(layer.className) && SATURATING.has(layer.activation) && !ctx.options.outputLayers.has(layer.name) && !layer.parent && layer.weights.some((w) => isBias(w.name));
    if (counts) run.push(layer);
    else close();
  }
  close();
  return stacks;
}

/** δ per unit: ‖∂L/∂b‖ / √units (the bias gradient of the data loss is Σ over the batch of each unit's error signal). */
function deltaPerUnit(stats: LayerStepStats, layer: LayerInfo): number | undefined {
  const bias = layer.weights.find((w) => isBias(w.name));
  const g = bias && stats.weights.find((w) => w.name === bias.name)?.gradNorm;
  const units = bias?.shape.reduce((a, b) => a * b, 1) ?? 0;
  return g !== undefined && Number.isFinite(g) && units > 0 ? g / Math.sqrt(units) : undefined;
}

export interface StackFall {
  stack: LayerInfo[];
  /** The stack's layers below its top whose δ per unit fell to ≤ STACK_FALL of the top's, in model order. */
  hits: Hit[];
}

/** Per stack, the layers whose δ fell ≥ 1/STACK_FALL below the top hidden layer's at a judged step. */
export function trackStackFalls(ctx: LayerRuleContext, fitted: (record: StepRecord) => boolean): StackFall[] {
  return saturatingStacks(ctx).flatMap((stack) => {
    const top = stack[stack.length - 1];
    const members = new Set(stack.slice(0, -1).map((l) => l.name));
    const hits = track(ctx, (s, record, layer) => {
      if (!members.has(layer.name) || fitted(record)) return undefined;
      const topStats = record.layers.find((l) => l.name === top.name);
      const topDelta = topStats && deltaPerUnit(topStats, top);
      const delta = deltaPerUnit(s, layer);
      if (!topDelta || delta === undefined) return undefined;
      const fall = delta / topDelta;
      return fall <= STACK_FALL ? fall : false;
    });
    return hits.length ? [{ stack, hits }] : [];
  });
}

export function stackFallFinding(ctx: LayerRuleContext, fall: StackFall): Finding {
  const { stack, hits } = fall;
  const lowest = hits[0];
  const top = stack[stack.length - 1];
  const persistent = lowest.atEnd;
  const step = persistent ? lowest.lastJudged : lowest.held[0].step;
  const record = ctx.steps.find((r) => r.step === step)!;
  const deltaAt = (layer: LayerInfo) => {
    const stats = record.layers.find((l) => l.name === layer.name);
    return stats ? deltaPerUnit(stats, layer) : undefined;
  };
  const topDelta = deltaAt(top) ?? NaN;
  const lowDelta = deltaAt(lowest.layer) ?? NaN;
  const hops = stack.indexOf(top) - stack.findIndex((l) => l.name === lowest.layer.name);
  const perLayer = (lowDelta / topDelta) ** (1 / Math.max(1, hops));
  const acts = [...new Set(stack.map((l) => l.activation))].join('/');
  const optimizer = ctx.options.optimizer;
  const proportional = optimizer === undefined || GRADIENT_PROPORTIONAL.has(optimizer);
  const warn = persistent && proportional;
  const head =
    `Vanishing gradient across ${stack.length} ${acts} hidden layers${linesText(stack)}: the error signal each layer learns from ` +
    `(‖∂L/∂b‖ per unit, Nielsen's "speed of learning") shrinks ×${fmt(perLayer)} per layer, from ${fmt(topDelta)} at ${top.name} ` +
    `to ${fmt(lowDelta)} at ${lowest.layer.name} — it learns ${fmt(topDelta / lowDelta)}× slower than ${top.name} (${persistence(lowest)}). ` +
    `Each ${acts} layer multiplies the backward signal by its derivative (≤ 0.25 for sigmoid, ≤ 1 for tanh), so a stack shrinks it geometrically.`;
  const tail = !persistent
    ? ` It recovered within the profiled steps: no action needed.`
    : proportional
      ? ` ${optimizer ?? 'The optimizer'}'s step is the learning rate times the gradient, so these layers barely move: prefer ReLU with He initialization, BatchNormalization, or fewer ${acts} layers.`
      : ` ${optimizer} divides each weight's gradient by its own running scale, so its steps do not shrink with the gradient: no action needed unless the loss stalls (ReLU with He initialization avoids the fall).`;
  return {
    code: 'vanishing',
    severity: warn ? RULE_SEVERITY.vanishing : 'info',
    layer: lowest.layer.name,
    location: lowest.layer.location,
    step: lowest.held[0].step,
    message: head + tail,
    related: hits.length > 1 ? hits.slice(1).map((h) => related(h, `‖∂L/∂b‖ per unit ${fmt(h.endValue)} × ${top.name}'s (${persistence(h)})`)) : undefined,
  };
}
