// constant-initializer: see docs/lint/constant-initializer.md.
import type { LayerSite } from '../facts';
import { fix, quoteOf, replaceEdit } from './edits';
import { kernelInitializers, numberIn } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('constant-initializer', 'warning', 'Constant (zeros/ones/constant) kernel initializer');

function check(ctx: RuleContext, site: LayerSite): void {
  for (const init of kernelInitializers(site)) {
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
      init.inline && init.replacement ? fix(`Use '${init.replacement}'`, [replaceEdit(ctx, init.node, `${q}${init.replacement}${q}`)]) : [],
    );
  }
}

export const constantInitializer: Rule = { info, layer: check };
