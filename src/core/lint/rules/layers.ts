// Layer kinds and what the rules read from a layer: its activation (own or via a following Activation
// layer), units, the output layer of a sequence, its kernel initializers.
import type { Node } from '@babel/types';
import { configProp, type ChainEntry, type LayerSite, type Val } from '../facts';
import { GLOROT_MATCHED, RELU_LIKE, SATURATING } from '../../activations';
import { layerEntry, type LayerEntry } from './sequences';

export const WEIGHT_LAYERS = new Set(['dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose', 'separableConv2d', 'depthwiseConv2d']);
export const RECURRENT_LAYERS = new Set(['lstm', 'gru', 'simpleRNN', 'rnn', 'convLstm2d', 'bidirectional']);
export const DROPOUT_LAYERS = new Set(['dropout', 'spatialDropout1d', 'spatialDropout2d', 'alphaDropout', 'gaussianDropout']);
/** Layers that pass values through without a non-linearity (Dense → these → Dense still collapses). */
export const LINEAR_PASS_LAYERS = new Set([...DROPOUT_LAYERS, 'flatten', 'reshape', 'permute']);
/** Layers between a weight layer and its Activation layer that do not change which activation it has. */
export const TRANSPARENT_LAYERS = new Set([...LINEAR_PASS_LAYERS, 'batchNormalization']);
/** Advanced-activation layers: all ReLU-like. */
export const ACTIVATION_LAYERS: Record<string, string> = { reLU: 'relu', leakyReLU: 'relu', prelu: 'relu', elu: 'elu', thresholdedReLU: 'relu', softmax: 'softmax' };


export const isPooling = (className: string) => className.toLowerCase().includes('pool');

export interface Activation {
  /** Lower-case activation name. */
  name: string;
  /** The string literal it is written as, when written in the layer's own config (fixes edit it there). */
  literal: Node | undefined;
  /** Where it is written at all (for ranges), undefined for a default. */
  node: Node | undefined;
  site: LayerSite;
}

function defaultActivation(className: string): string | undefined {
  if (WEIGHT_LAYERS.has(className)) return 'linear';
  if (className === 'lstm' || className === 'gru' || className === 'simpleRNN') return 'tanh';
  return undefined;
}

/** The activation a layer applies itself; undefined when it cannot be known. */
export function ownActivation(site: LayerSite): Activation | undefined {
  if (ACTIVATION_LAYERS[site.className]) return { name: ACTIVATION_LAYERS[site.className], literal: undefined, node: site.call, site };
  const p = configProp(site, 'activation');
  if (p === undefined) return undefined;
  if (p === 'absent' || p.val.kind === 'nullish') {
    const name = defaultActivation(site.className);
    return name ? { name, literal: undefined, node: undefined, site } : undefined;
  }
  if (p.val.kind !== 'str') return undefined;
  const literal = p.prop && p.prop.value === p.val.node ? p.val.node : undefined;
  return { name: p.val.value.toLowerCase(), literal, node: p.val.node, site };
}

/** A weight layer's activation, including a following Activation layer when the layer itself is linear. */
export function effectiveActivation(entries: ChainEntry[], i: number): Activation | undefined {
  const own = ownActivation((entries[i] as LayerEntry).site);
  if (!own || own.name !== 'linear') return own;
  for (let j = i + 1; j < entries.length; j++) {
    const next = layerEntry(entries[j]);
    if (!next) return undefined;
    const cls = next.site.className;
    if (cls === 'activation' || ACTIVATION_LAYERS[cls]) return ownActivation(next.site);
    if (!TRANSPARENT_LAYERS.has(cls)) return own;
  }
  return own;
}

export function unitsOf(site: LayerSite): number | undefined {
  const p = configProp(site, 'units');
  return p && p !== 'absent' && p.val.kind === 'num' ? p.val.value : undefined;
}

/** The output layer of a sequence: the last weight layer, when nothing unknown follows it. */
export function outputLayer(entries: ChainEntry[]): { entry: LayerEntry; activation: Activation | undefined } | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = layerEntry(entries[i]);
    if (!e || e.repeat === 'unknown') return undefined;
    const cls = e.site.className;
    if (WEIGHT_LAYERS.has(cls)) return { entry: e, activation: effectiveActivation(entries, i) };
    if (!TRANSPARENT_LAYERS.has(cls) && cls !== 'activation' && !ACTIVATION_LAYERS[cls]) return undefined;
  }
  return undefined;
}

export function matchingInitializer(activation: string, distribution: 'Normal' | 'Uniform'): string {
  if (RELU_LIKE.has(activation)) return `he${distribution}`;
  if (activation === 'selu') return 'lecunNormal';
  return `glorot${distribution}`;
}

export type InitializerFamily = 'he' | 'glorot' | 'lecun';

export function initializerFamily(name: string): InitializerFamily | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('he')) return 'he';
  if (lower.startsWith('glorot')) return 'glorot';
  if (lower.startsWith('lecun')) return 'lecun';
  return undefined;
}

/**
 * The family an activation needs, when another family measurably hurts. Saturating activations have none:
 * bench/saturatingStacks.ts measured Glorot, He and LeCun alike for tanh (‖g‖ first/last 0.3–1.1 up to 17
 * layers, all train) and for sigmoid (the derivative, not the scale, shrinks the gradient).
 */
export function expectedFamily(activation: string): InitializerFamily | undefined {
  if (RELU_LIKE.has(activation)) return 'he';
  if (SATURATING.has(activation)) return undefined;
  if (GLOROT_MATCHED.has(activation)) return 'glorot';
  if (activation === 'selu') return 'lecun';
  return undefined;
}

/** A number in an initializer's config, its tfjs default when the config does not set it. */
export function numberIn(config: Val | undefined, key: string, fallback: number): number | undefined {
  if (!config || config.kind === 'nullish') return fallback;
  if (config.kind !== 'obj') return undefined;
  const p = config.props.get(key);
  if (!p) return config.open ? undefined : fallback;
  return p.val.kind === 'num' ? p.val.value : undefined;
}

const KERNEL_INITIALIZER_KEYS = ['kernelInitializer', 'recurrentInitializer', 'depthwiseInitializer', 'pointwiseInitializer'];

export interface KernelInitializer {
  /** The config key, e.g. 'kernelInitializer'. */
  key: string;
  /** The initializer's name as written ('zeros', 'randomNormal', …) and its config (tf.initializers.x(config)). */
  name: string;
  config: Val | undefined;
  node: Node;
  /** Written in the layer's inline config, so a fix can replace it. */
  inline: boolean;
  /** The initializer a fix would put instead, when one is clearly right. */
  replacement: string | undefined;
  /** The layer's own activation. */
  activation: Activation | undefined;
}

/** The kernel initializers a weight or recurrent layer sets explicitly, with what would replace each (RuleContext.kernelInitializers reads them once per layer). */
export function kernelInitializers(site: LayerSite): KernelInitializer[] {
  if (!WEIGHT_LAYERS.has(site.className) && !RECURRENT_LAYERS.has(site.className)) return [];
  const own = ownActivation(site);
  const out: KernelInitializer[] = [];
  for (const key of KERNEL_INITIALIZER_KEYS) {
    const p = configProp(site, key);
    if (!p || p === 'absent') continue;
    const val = p.val;
    const init = val.kind === 'str' ? { name: val.value, config: undefined, node: val.node } : val.kind === 'init' ? { name: val.name, config: val.config, node: val.node } : undefined;
    if (!init) continue;
    const replacement = key === 'recurrentInitializer' ? 'orthogonal' : own && own.name !== 'linear' ? matchingInitializer(own.name, 'Normal') : own ? 'glorotUniform' : undefined;
    out.push({ key, ...init, inline: p.prop !== undefined && p.prop.value === init.node, replacement, activation: own });
  }
  return out;
}
