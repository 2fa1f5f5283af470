// large-initializer: see docs/lint/large-initializer.md.
import type { LayerSite } from '../facts';
import { fix, quoteOf, replaceEdit } from './edits';
import { numberIn, type KernelInitializer } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('large-initializer', 'warning', 'Random kernel initializer with a large scale');

/** The largest magnitude a random initializer draws at its config (tfjs defaults where unset). */
function scaleOf(init: KernelInitializer): number | undefined {
  const lower = init.name.toLowerCase();
  if (lower === 'randomnormal' || lower === 'truncatednormal') return numberIn(init.config, 'stddev', 0.05);
  if (lower === 'randomuniform') {
    const lo = numberIn(init.config, 'minval', -0.05);
    const hi = numberIn(init.config, 'maxval', 0.05);
    return lo === undefined || hi === undefined ? undefined : Math.max(Math.abs(lo), Math.abs(hi));
  }
  return undefined;
}

function check(ctx: RuleContext, site: LayerSite): void {
  for (const init of ctx.kernelInitializers(site)) {
    const scale = scaleOf(init);
    if (scale === undefined || scale < 1) continue;
    const q = quoteOf(ctx, site.inlineConfig);
    ctx.report(
      info,
      init.node,
      `${init.key} '${init.name}' with scale ${scale} makes each layer multiply activations and gradients by roughly √fanIn·${scale}, so they explode with depth; use ${init.replacement ? `'${init.replacement}'` : 'a variance-scaled initializer (He/Glorot/LeCun)'}.`,
      { fixes: init.inline && init.replacement ? fix(`Use '${init.replacement}'`, [replaceEdit(ctx, init.node, `${q}${init.replacement}${q}`)]) : [], layers: [site.call] },
    );
  }
}

export const largeInitializer: Rule = { info, layer: check };
