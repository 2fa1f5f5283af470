// initializer-activation-mismatch: see docs/lint/initializer-activation-mismatch.md.
import { configProp, type LayerSite } from '../facts';
import { fix, quoteOf, replaceEdit, stringEdit } from './edits';
import { WEIGHT_LAYERS, expectedFamily, initializerFamily, matchingInitializer, ownActivation } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('initializer-activation-mismatch', 'info', 'Initializer not matched to the activation');

function check(ctx: RuleContext, site: LayerSite): void {
  if (!WEIGHT_LAYERS.has(site.className)) return;
  for (const init of ctx.kernelInitializers(site)) {
    const own = init.activation;
    if (init.key !== 'kernelInitializer' || !own) continue;
    const family = initializerFamily(init.name);
    const expected = expectedFamily(own.name);
    if (!family || !expected || family === expected) continue;
    const better = matchingInitializer(own.name, init.name.toLowerCase().endsWith('uniform') ? 'Uniform' : 'Normal');
    const q = quoteOf(ctx, site.inlineConfig);
    ctx.report(
      info,
      init.node,
      `'${init.name}' is scaled for ${family === 'he' ? 'ReLU-family' : family === 'lecun' ? 'SELU' : 'tanh/sigmoid/softmax'} activations, but this layer uses '${own.name}', so the signal variance drifts layer by layer; use '${better}'.`,
      { fixes: init.inline ? fix(`Use '${better}'`, [replaceEdit(ctx, init.node, `${q}${better}${q}`)]) : [], layers: [site.call] },
    );
  }
  // SELU self-normalizes only from LeCun-normal weights; tfjs defaults to glorotUniform.
  const own = ownActivation(site);
  if (own?.name === 'selu' && own.node && configProp(site, 'kernelInitializer') === 'absent') {
    ctx.report(
      info,
      own.node,
      `'selu' keeps activations normalized only with 'lecunNormal' weights, but the default initializer here is 'glorotUniform'; set kernelInitializer: 'lecunNormal'.`,
      { fixes: fix(`Set kernelInitializer to 'lecunNormal'`, [stringEdit(ctx, site, 'kernelInitializer', 'lecunNormal')]), layers: [site.call] },
    );
  }
}

export const initializerActivationMismatch: Rule = { info, layer: check };
