// large-bias-initializer: see docs/lint/large-bias-initializer.md.
import type { Node } from '@babel/types';
import type { LayerSite } from '../facts';
import { configProp } from '../facts';
import { RELU_LIKE } from '../../activations';
import { fix, quoteOf, replaceEdit } from './edits';
import { WEIGHT_LAYERS, numberIn, ownActivation } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';

const info = ruleInfo('large-bias-initializer', 'warning', 'ReLU layer with biases initialised to a constant ≥ 1');

/**
 * At this constant a ReLU layer's outputs start as nearly one value for every example: measured
 * (bench/diagnosis/lenetVariants.py, NeuraLint's LeNet on MNIST, 3 epochs) conv biases of 1 and 2 keep the loss
 * near ln 10 for two epochs or more; 0.1 (TensorFlow's MNIST tutorial) trains nearly as zeros do, 0.5 slower.
 */
const LARGE_BIAS = 1;

/** The constant a bias initializer sets ('ones', 'zeros', 'constant' / tf.initializers.constant({value})), else undefined. */
function constantOf(site: LayerSite): { value: number; node: Node; inline: boolean } | undefined {
  const p = configProp(site, 'biasInitializer');
  if (!p || p === 'absent') return undefined;
  const val = p.val;
  const named = val.kind === 'str' ? { name: val.value, config: undefined, node: val.node } : val.kind === 'init' ? { name: val.name, config: val.config, node: val.node } : undefined;
  if (!named) return undefined;
  const lower = named.name.toLowerCase();
  const value = lower === 'ones' ? 1 : lower === 'zeros' ? 0 : lower === 'constant' ? numberIn(named.config, 'value', 0) : undefined;
  return value === undefined ? undefined : { value, node: named.node, inline: p.prop !== undefined && p.prop.value === named.node };
}

function check(ctx: RuleContext, site: LayerSite): void {
  if (!WEIGHT_LAYERS.has(site.className)) return;
  const activation = ownActivation(site)?.name;
  if (!activation || !RELU_LIKE.has(activation)) return;
  const bias = constantOf(site);
  if (!bias || bias.value < LARGE_BIAS) return;
  const q = quoteOf(ctx, site.inlineConfig);
  ctx.report(
    info,
    bias.node,
    `biasInitializer ${bias.value === 1 ? "'ones'" : `constant ${bias.value}`} adds ${bias.value} to every unit for every example, so the ${activation} outputs start as nearly the same positive constant whatever the input and the layers after it see little of the input (a LeNet on MNIST with conv biases of 1 stays near chance for two epochs; NeuraLint: biases start at zero); use 'zeros'.`,
    { fixes: bias.inline ? fix(`Use 'zeros'`, [replaceEdit(ctx, bias.node, `${q}zeros${q}`)]) : [], layers: [site.call] },
  );
}

export const largeBiasInitializer: Rule = { info, layer: check };
