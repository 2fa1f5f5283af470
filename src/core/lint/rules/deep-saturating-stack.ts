// deep-saturating-stack: see docs/lint/deep-saturating-stack.md (with the measurements behind the
// thresholds, from bench/saturatingStacks.ts).
import { SATURATING, SIGMOID_LIKE } from '../../activations';
import { configProp, type ChainEntry, type LayerSite } from '../facts';
import type { LintEdit } from '../types';
import { fix, quoteOf, replaceEdit, stringEdit } from './edits';
import { ACTIVATION_LAYERS, RECURRENT_LAYERS, TRANSPARENT_LAYERS, WEIGHT_LAYERS, effectiveActivation, isPooling, unitsOf, type Activation } from './layers';
import { secondMoment } from './initializer-gain';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { layerEntry, repeatCount, type LayerEntry } from './sequences';

const info = ruleInfo('deep-saturating-stack', 'warning', 'Deep stack of sigmoid/tanh hidden layers');

/**
 * Per-layer gain of a fixed-scale random kernel (std · √fan-in) below which a tanh/softsign layer shrinks the
 * signal forward and backward. Variance-scaled initializers (Glorot, He, LeCun, the default glorotUniform)
 * sit near 1 and keep tanh stacks trainable to 17 layers; a large gain saturates units but does not shrink
 * the gradient at init (measured ‖g‖ first/last ≥ 1: large-initializer covers it).
 */
const GAIN_LOW = 0.5;
/**
 * Tanh layers with a shrinking kernel lose the gradient more slowly than sigmoid layers: the first/last
 * ratio at 6 of them (9e-3) is that of 4–5 sigmoid layers, so they need `deepStackMin + 2` to count as deep.
 */
const TANH_EXTRA_DEPTH = 2;

interface StackLayer {
  entry: LayerEntry;
  activation: Activation;
  index: number;
  /** Shrinks the gradient at init: a sigmoid-like layer, or a tanh-like one with a mis-scaled kernel. */
  shrinks: boolean;
  /** For tanh-like layers with a mis-scaled kernel: the initializer as written, e.g. "randomNormal (stddev 0.05)". */
  misScaled: string | undefined;
}

/** The RMS (√E[w²]) of a fixed-scale random initializer's weights; undefined for variance-scaled or unknown ones. */
function fixedStd(site: LayerSite): { std: number; label: string } | 'scaled' | undefined {
  const p = configProp(site, 'kernelInitializer');
  if (p === 'absent') return 'scaled'; // tfjs's default: glorotUniform
  if (!p) return undefined;
  const val = p.val;
  if (val.kind === 'nullish') return 'scaled';
  const init = val.kind === 'str' ? { name: val.value, config: undefined } : val.kind === 'init' ? { name: val.name, config: val.config } : undefined;
  if (!init) return undefined;
  const lower = init.name.toLowerCase();
  if (/^(glorot|he|lecun|variancescaling|orthogonal)/.test(lower)) return 'scaled';
  // The weights' RMS, √E[w²], read as large-initializer reads it (truncatedNormal's redraws and a mean included).
  const moment = secondMoment(init);
  return moment && { std: Math.sqrt(moment.value), label: moment.label };
}

/** Inputs per unit of a Dense layer: its inputShape/inputDim, else the units of the Dense layer before it. */
function fanIn(site: LayerSite, previous: LayerSite | undefined): number | undefined {
  const shape = configProp(site, 'inputShape');
  if (shape && shape !== 'absent' && shape.val.kind === 'arr' && !shape.val.open) {
    const last = shape.val.items[shape.val.items.length - 1];
    return last?.kind === 'num' ? last.value : undefined;
  }
  const dim = configProp(site, 'inputDim');
  if (dim && dim !== 'absent' && dim.val.kind === 'num') return dim.val.value;
  return previous && previous.className === 'dense' && site.className === 'dense' ? unitsOf(previous) : undefined;
}

/** A tanh-like Dense layer's kernel, when its gain std·√fan-in is known to be below GAIN_LOW. */
function misScaledKernel(site: LayerSite, previous: LayerSite | undefined): string | undefined {
  const init = fixedStd(site);
  if (!init || init === 'scaled') return undefined;
  const n = fanIn(site, previous);
  return n !== undefined && init.std * Math.sqrt(n) < GAIN_LOW ? init.label : undefined;
}

function describe(run: StackLayer[], count: number): string {
  const names = [...new Set(run.map((r) => r.activation.name))].join('/');
  const misScaled = [...new Set(run.map((r) => r.misScaled).filter((x): x is string => x !== undefined))];
  const sigmoid = run.some((r) => SIGMOID_LIKE.has(r.activation.name));
  const why = sigmoid
    ? `each sigmoid layer multiplies the backpropagated gradient by its derivative (≤ 0.25)${misScaled.length ? ` and each tanh layer initialized with ${misScaled.join(', ')} shrinks it further` : ''}, so at initialization the first layer's gradient is a few hundredths of the last one's at 4 layers and about 1e-3 at 6 (measured with Glorot weights), and the early layers barely learn (vanishing gradients)`
    : `their kernels are initialized with ${misScaled.join(', ')}, not scaled to the fan-in, so the signal shrinks or saturates layer by layer and the gradient reaching the first layers vanishes (with Glorot or He initialization the same tanh stack keeps its gradients)`;
  const advice = sigmoid ? 'use ReLU-family activations with He initialization' : `use 'glorotUniform' (tanh's usual match, tfjs's default) or ReLU with He initialization`;
  return `${count} ${names} hidden layers in a row: ${why}; ${advice}.`;
}

function report(ctx: RuleContext, run: StackLayer[], count: number): void {
  const first = run[0].activation;
  const sigmoid = run.some((r) => SIGMOID_LIKE.has(r.activation.name));
  const reluEdits: (LintEdit | undefined)[] = [];
  for (const r of run) {
    const q = quoteOf(ctx, r.activation.site.inlineConfig);
    reluEdits.push(r.activation.literal ? replaceEdit(ctx, r.activation.literal, `${q}relu${q}`) : undefined);
    reluEdits.push(stringEdit(ctx, r.entry.site, 'kernelInitializer', 'heNormal'));
  }
  const relu = fix(`Use 'relu' with 'heNormal' initialization in this stack`, reluEdits, sigmoid);
  // A tanh stack is fine with a matched initializer: that is the fix, ReLU the alternative.
  const glorot = sigmoid ? [] : fix(`Use 'glorotUniform' initialization in this stack`, run.filter((r) => r.misScaled).map((r) => stringEdit(ctx, r.entry.site, 'kernelInitializer', 'glorotUniform')));
  ctx.report(info, first.node ?? first.site.call, describe(run, count), {
    fixes: [...glorot, ...relu],
    related: run.slice(1).map((r) => ({ node: r.activation.node ?? r.entry.site.call, message: `${r.activation.name} layer of the same stack` })),
    layers: run.map((r) => r.entry.site.call),
  });
}

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  let lastWeight = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'layer' && (WEIGHT_LAYERS.has(e.site.className) || RECURRENT_LAYERS.has(e.site.className))) lastWeight = i;
  });
  let run: StackLayer[] = [];
  let previous: LayerSite | undefined;
  const flush = () => {
    // The output layer is not hidden: drop it (or its last repetition, in a loop) from the stack. A branch
    // that ends in a merge layer (concatenate, add, …) has no output layer of its own.
    const last = run[run.length - 1];
    const counted = (which: (r: StackLayer) => boolean) => run.reduce((n, r) => n + (which(r) ? repeatCount(r.entry) : 0), 0);
    let count = counted(() => true);
    let sigmoid = counted((r) => SIGMOID_LIKE.has(r.activation.name));
    let shrinking = counted((r) => r.shrinks);
    if (last?.index === lastWeight && !last.entry.site.feedsMerge) {
      count -= 1;
      if (SIGMOID_LIKE.has(last.activation.name)) sigmoid -= 1;
      if (last.shrinks) shrinking -= 1;
      if (repeatCount(last.entry) === 1) run.pop();
    }
    if (sigmoid >= ctx.deepStackMin || shrinking >= ctx.deepStackMin + TANH_EXTRA_DEPTH) report(ctx, run, count);
    run = [];
  };
  entries.forEach((e, i) => {
    const entry = layerEntry(e);
    if (!entry) {
      previous = undefined;
      return flush();
    }
    const cls = entry.site.className;
    if (WEIGHT_LAYERS.has(cls)) {
      const act = effectiveActivation(entries, i);
      if (act && SATURATING.has(act.name)) {
        const misScaled = SIGMOID_LIKE.has(act.name) ? undefined : misScaledKernel(entry.site, previous);
        run.push({ entry, activation: act, index: i, shrinks: SIGMOID_LIKE.has(act.name) || misScaled !== undefined, misScaled });
      } else flush();
      previous = entry.site;
    } else if (!TRANSPARENT_LAYERS.has(cls) && cls !== 'activation' && !ACTIVATION_LAYERS[cls] && !isPooling(cls)) {
      previous = undefined;
      flush();
    }
  });
  flush();
}

export const deepSaturatingStack: Rule = { info, sequence: check };
