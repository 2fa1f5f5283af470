// large-initializer: see docs/lint/large-initializer.md (the gain, its threshold and the measurements behind it).
import type { ChainEntry, LayerSite, ModelFacts } from '../facts';
import { fix, quoteOf, replaceEdit } from './edits';
import { gainRuns, laterGain, repeatedGain, secondMoment, type LayerGain } from './initializer-gain';
import { WEIGHT_LAYERS, effectiveActivation, type KernelInitializer } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('large-initializer', 'warning', 'Kernel initializer that blows up the signal');

/**
 * Variance gain (over consecutive layers, relative to Glorot/He) at which the rule warns: the signal's
 * standard deviation 10× the variance-preserving one. Working initializers differ from He's by factors up to
 * ~6 per layer (PyTorch's default Linear init is 1/6 of He's variance, Keras's Glorot half of it for ReLU);
 * at 100 a softmax's logits start ~10× too wide (saturated, the initial-loss check fails) and ReLU stacks
 * diverge — measured in docs/lint/large-initializer.md.
 */
export const LARGE_GAIN = 100;

const fmt = (x: number) => (x >= 1000 ? x.toExponential(1).replace('e+', 'e') : x >= 10 ? x.toFixed(0) : x.toPrecision(2));

/** One diagnostic per run, on its first large initializer; the run's other large ones are related places and share the fix. */
function report(ctx: RuleContext, run: LayerGain[], total: number, done: Set<object>): void {
  const large = run.filter((l): l is LayerGain & { init: KernelInitializer } => l.init !== undefined && l.gain > 1);
  const applications = large.reduce((n, l) => n + l.repeat, 0);
  const first = large[0];
  if (!first || done.has(first.init.node)) return;
  for (const l of large) done.add(l.init.node);
  const atLeast = (l: { lowerBound: boolean }) => (l.lowerBound ? 'at least ' : '');
  const gainOf = (l: LayerGain) => `${atLeast(l)}${fmt(l.gain)}${l.repeat > 1 ? ` at its first of ${l.repeat} applications and ${fmt(laterGain(l))} at each later one` : ''}`;
  const others = large.slice(1).map((l) => gainOf(l));
  const anyBound = run.some((l) => l.lowerBound) ? 'at least ' : '';
  const compounded = others.length || first.repeat > 1 ? `; with ${others.length ? `the next large layer${others.length > 1 ? 's' : ''} (${others.join(', ')})` : 'its repetitions'} it compounds to ${anyBound}${fmt(total)}×` : '';
  const effect = run.some((l) => l.saturating) ? 'the saturating units start pinned at their limits and pass almost no gradient' : applications > 1 ? 'activations and gradients grow layer by layer and a softmax/sigmoid output starts saturated (initial loss far above its expected value)' : 'a softmax/sigmoid output starts saturated (initial loss far above its expected value) and adaptive optimizers start slower';
  const replacements = [...new Set(large.map((l) => l.init.replacement))];
  const use = replacements.length === 1 && replacements[0] ? `'${replacements[0]}'` : 'variance-scaled initializers (He for ReLU, Glorot otherwise)';
  const edits = large.map((l) => (l.init.inline && l.init.replacement ? replaceEdit(ctx, l.init.node, `${quoteOf(ctx, l.site.inlineConfig)}${l.init.replacement}${quoteOf(ctx, l.site.inlineConfig)}`) : undefined));
  ctx.report(
    info,
    first.init.node,
    `${first.init.key} ${secondMoment(first.init)?.label ?? `'${first.init.name}'`} on a fan-in of ${atLeast(first)}${first.fanIn} multiplies the signal's variance by ${gainOf(first)} (fan-in · E[w²]${first.reluHalf ? ' · ½ under ReLU' : ''}; Glorot/He keep it ≈ 1)${compounded}, so the signal starts ${anyBound}${fmt(Math.sqrt(total))}× the scale a variance-preserving initializer keeps: ${effect}; use ${use}.`,
    {
      fixes: fix(replacements.length === 1 && replacements[0] ? `Use '${replacements[0]}'` : 'Use variance-scaled initializers in this stack', edits),
      related: large.slice(1).map((l) => ({ node: l.init.node, message: `variance gain ${fmt(l.gain)} in the same stack` })),
      layers: run.map((l) => l.site.call),
      // One layer's gain does not compound: it starts the signal wide or its units saturated, and such programs
      // train (measured in the rule's page); over several layers the factors multiply.
      severity: applications === 1 ? 'info' : undefined,
    },
  );
}

function checkRuns(ctx: RuleContext, runs: LayerGain[][], done: Set<object>): void {
  for (const run of runs) {
    let total = 1;
    let peak = 1;
    for (const layer of run) {
      total *= repeatedGain(layer);
      peak = Math.max(peak, total);
    }
    if (peak < LARGE_GAIN) continue;
    report(ctx, run, peak, done);
  }
}

/**
 * Every sequence of the file, then each weight layer on none (built outside a model the analyzer follows)
 * alone, on its declared fan-in. One pass with local state: a layer on several paths of a functional model is
 * reported once (per-analysis WeakMaps cost more in GC than the work: see RuleContext).
 */
function check(ctx: RuleContext, facts: ModelFacts): void {
  const done = new Set<object>();
  const initializers = (site: LayerSite) => ctx.kernelInitializers(site);
  const onSequences = new Set<LayerSite>();
  for (const entries of ctx.sequences) {
    for (const e of entries) if (e.kind === 'layer') onSequences.add(e.site);
    checkRuns(ctx, gainRuns(entries, initializers), done);
  }
  for (const site of facts.layers) {
    if (onSequences.has(site) || !WEIGHT_LAYERS.has(site.className)) continue;
    const entries: ChainEntry[] = [{ kind: 'layer', site, repeat: site.repeat, conditional: site.conditional, expr: site.call, swappable: false }];
    if (effectiveActivation(entries, 0)) checkRuns(ctx, gainRuns(entries, initializers), done);
  }
}

export const largeInitializer: Rule = { info, file: check };
