// constant-initializer: see docs/lint/constant-initializer.md.
import type { LayerSite, ModelFacts } from '../facts';
import { fix, quoteOf, replaceEdit } from './edits';
import { numberIn, outputLayer, unitsOf } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('constant-initializer', 'warning', 'Constant (zeros/ones/constant) kernel initializer');

/**
 * Layers with no symmetry to break: one unit, or the output layer of a model (each output unit has its own
 * target, so the units get different gradients from the first step). Measured in bench/constantInit.ts:
 * a zero-initialized single linear layer, a 3-unit linear layer and an output layer after a random hidden
 * layer all train as well as with random weights; a hidden layer of 16 does not.
 */
function noSymmetryToBreak(site: LayerSite, outputs: Set<LayerSite>): boolean {
  return unitsOf(site) === 1 || outputs.has(site);
}

function check(ctx: RuleContext, facts: ModelFacts): void {
  const outputs = new Set<LayerSite>();
  for (const entries of ctx.sequences) {
    const out = outputLayer(entries);
    if (out) outputs.add(out.entry.site);
  }
  for (const site of facts.layers) if (!noSymmetryToBreak(site, outputs)) checkLayer(ctx, site);
}

function checkLayer(ctx: RuleContext, site: LayerSite): void {
  for (const init of ctx.kernelInitializers(site)) {
    const lower = init.name.toLowerCase();
    if (lower !== 'zeros' && lower !== 'ones' && lower !== 'constant') continue;
    const value = lower === 'zeros' ? 0 : lower === 'ones' ? 1 : numberIn(init.config, 'value', 0);
    if (value === undefined) continue;
    const large = Math.abs(value) >= 1;
    const q = quoteOf(ctx, site.inlineConfig);
    ctx.report(
      info,
      init.node,
      `${init.key} '${init.name}'${lower === 'constant' ? ` (${value})` : ''} gives every unit the same weights, so all units get the same gradient and never differentiate${large ? ', and weights of magnitude ≥ 1 make activations and gradients grow with depth (exploding)' : ''}; use ${init.replacement ? `'${init.replacement}'` : 'a random initializer matched to the activation'}.`,
      { fixes: init.inline && init.replacement ? fix(`Use '${init.replacement}'`, [replaceEdit(ctx, init.node, `${q}${init.replacement}${q}`)]) : [], layers: [site.call] },
    );
  }
}

export const constantInitializer: Rule = { info, file: check };
