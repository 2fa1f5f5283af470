// linear-dense-stack: see docs/lint/linear-dense-stack.md.
import type { ChainEntry, LayerSite } from '../facts';
import { configProp } from '../facts';
import { stringEdit, fix } from './edits';
import { LINEAR_PASS_LAYERS, WEIGHT_LAYERS, effectiveActivation, ownActivation, unitsOf } from './layers';
import { ruleInfo, type Rule, type RuleContext } from './rule';
import { layerEntry, type LayerEntry } from './sequences';

const info = ruleInfo('linear-dense-stack', 'warning', 'Consecutive Dense/convolution layers without a non-linearity');

/**
 * Layers that are linear maps themselves, so a linear weight layer → these → a weight layer still composes to one
 * linear map: average pooling (a fixed weighted sum), padding, cropping and up-sampling (nearest or bilinear: fixed
 * weights) beside the reshaping and dropout layers. Max pooling is not linear (max(a, b) = a + relu(b − a): a maxout
 * unit, Goodfellow et al. 2013), nor is BatchNormalization in training (it divides by the batch's deviation).
 */
const LINEAR_MAP_LAYERS = new Set([
  ...LINEAR_PASS_LAYERS,
  'averagePooling1d', 'averagePooling2d', 'averagePooling3d', 'avgPool1d', 'avgPool2d', 'avgPool3d', 'avgPooling1d', 'avgPooling2d', 'avgPooling3d',
  'globalAveragePooling1d', 'globalAveragePooling2d',
  'zeroPadding2d', 'cropping2D', 'upSampling2d', 'repeatVector',
]);

/**
 * A depthwise convolution followed by a pointwise one is a factorised (separable) convolution, linear between its
 * two halves on purpose: Chollet (Xception, CVPR 2017, §4.7) measured it training better without an activation there.
 */
const FACTORISED_FIRST_HALF = 'depthwiseConv2d';

const KIND: Record<string, string> = { dense: 'Dense' };
const kindOf = (site: LayerSite) => KIND[site.className] ?? `${site.className[0].toUpperCase()}${site.className.slice(1)}`;

/** Output width: a Dense layer's units, a convolution's filters. */
function widthOf(site: LayerSite): number | undefined {
  if (site.className === 'dense') return unitsOf(site);
  const p = configProp(site, 'filters');
  return p && p !== 'absent' && p.val.kind === 'num' ? p.val.value : undefined;
}

/** The weight layer a linear weight layer at `i` feeds, through layers that are linear maps. */
function nextWeightLayer(entries: ChainEntry[], i: number): LayerEntry | undefined {
  for (let j = i + 1; j < entries.length; j++) {
    const e = layerEntry(entries[j]);
    if (!e) return undefined;
    if (LINEAR_MAP_LAYERS.has(e.site.className)) continue;
    return WEIGHT_LAYERS.has(e.site.className) ? e : undefined;
  }
  return undefined;
}

function check(ctx: RuleContext, entries: ChainEntry[]): void {
  for (let i = 0; i < entries.length; i++) {
    const a = layerEntry(entries[i]);
    if (!a || !WEIGHT_LAYERS.has(a.site.className) || a.site.className === FACTORISED_FIRST_HALF) continue;
    // A weight layer repeated by a loop feeds itself through its own activation only.
    const repeatsItself = a.repeat !== 'unknown' && a.repeat >= 2;
    const act = repeatsItself ? ownActivation(a.site) : effectiveActivation(entries, i);
    if (act?.name !== 'linear' || ownActivation(a.site)?.name !== 'linear') continue;
    const next = nextWeightLayer(entries, i);
    // A narrower linear layer before a wider one is a deliberate low-rank bottleneck (an autoencoder's
    // code layer, a linear bottleneck of 1×1 convolutions), not a redundant one.
    const width = widthOf(a.site);
    const nextWidth = next && widthOf(next.site);
    const bottleneck = width !== undefined && nextWidth !== undefined && width < nextWidth;
    if ((next && !bottleneck) || repeatsItself) {
      // Followed by a non-linear layer, the model keeps its non-linearity and trains (the public benchmark's
      // healthy so-55328966-fixed: linear 784 → ReLU 50): redundant parameters, information.
      // Followed by another linear one, the model loses the non-linearity it was meant to have: a warning.
      const nextActivation = next && ownActivation(next.site)?.name;
      const keepsNonLinearity = !repeatsItself && nextActivation !== undefined && nextActivation !== 'linear';
      const kind = kindOf(a.site);
      const nextKind = next ? kindOf(next.site) : kind;
      ctx.report(
        info,
        a.site.call,
        `This ${kind} layer has no activation and feeds ${next ? `${nextKind === kind ? 'another' : 'a'} ${nextKind} layer` : 'itself (loop)'}: the two collapse into one linear map, so the extra layer adds parameters but no capacity; add an activation such as 'relu'.`,
        {
          fixes: fix(`Add activation 'relu'`, [stringEdit(ctx, a.site, 'activation', 'relu')]),
          related: next ? [{ node: next.site.call, message: `the next ${nextKind} layer` }] : [],
          ...(keepsNonLinearity ? { severity: 'info' as const } : {}),
        },
      );
    }
  }
}

export const linearDenseStack: Rule = { info, sequence: check };
