// What a kernel initializer does to the signal: the forward (and backward) variance gain of a layer relative
// to the variance-preserving scale for its activation (Glorot & Bengio 2010; He et al. 2015), worked out from
// the initializer's config and the layer's fan-in. large-initializer reads it (docs/lint/large-initializer.md).
import { RELU_LIKE, SATURATING } from '../../activations';
import { configProp, type ChainEntry, type LayerSite } from '../facts';
import { ACTIVATION_LAYERS, TRANSPARENT_LAYERS, WEIGHT_LAYERS, effectiveActivation, numberIn, unitsOf, type KernelInitializer } from './layers';

/**
 * tfjs's truncatedNormal redraws values beyond two standard deviations: Var = σ²·(1 − 2·φ(2)·2/(2Φ(2) − 1))
 * = 0.774·σ² (the variance of a standard normal truncated to [−2, 2]).
 */
const TRUNCATED_VARIANCE = 0.7737;

/** E[w²] of a fixed-scale random initializer at its config (tfjs defaults where unset); undefined otherwise. */
export function secondMoment(init: Pick<KernelInitializer, 'name' | 'config'>): { value: number; label: string } | undefined {
  const lower = init.name.toLowerCase();
  if (lower === 'randomnormal' || lower === 'truncatednormal') {
    const std = numberIn(init.config, 'stddev', 0.05);
    const mean = numberIn(init.config, 'mean', 0);
    if (std === undefined || mean === undefined) return undefined;
    const variance = lower === 'truncatednormal' ? TRUNCATED_VARIANCE * std * std : std * std;
    return { value: variance + mean * mean, label: `${init.name} (stddev ${std}${mean ? `, mean ${mean}` : ''})` };
  }
  if (lower === 'randomuniform') {
    const lo = numberIn(init.config, 'minval', -0.05);
    const hi = numberIn(init.config, 'maxval', 0.05);
    if (lo === undefined || hi === undefined) return undefined;
    return { value: (lo * lo + lo * hi + hi * hi) / 3, label: `${init.name} (${lo}, ${hi})` };
  }
  return undefined;
}

function lastOfShape(site: LayerSite, key: string): number | undefined {
  const p = configProp(site, key);
  if (!p || p === 'absent' || p.val.kind !== 'arr' || p.val.open) return undefined;
  const last = p.val.items[p.val.items.length - 1];
  return last?.kind === 'num' ? last.value : undefined;
}

/** The features (channels) a layer declares it takes: inputShape / batchInputShape's last entry, or inputDim. */
function declaredInputWidth(site: LayerSite): number | undefined {
  const dim = configProp(site, 'inputDim');
  if (dim && dim !== 'absent' && dim.val.kind === 'num') return dim.val.value;
  return lastOfShape(site, 'inputShape') ?? lastOfShape(site, 'batchInputShape');
}

/** A layer's output width (units, filters), when written. */
function outputWidth(site: LayerSite): number | undefined {
  if (site.className === 'inputLayer') return declaredInputWidth(site);
  const filters = configProp(site, 'filters');
  if (filters && filters !== 'absent' && filters.val.kind === 'num') return filters.val.value;
  return unitsOf(site);
}

/** The product of a conv layer's kernel size (a number is used for every spatial dimension). */
function kernelArea(site: LayerSite): number | undefined {
  const p = configProp(site, 'kernelSize');
  if (!p || p === 'absent') return undefined;
  const dims = site.className.includes('3d') ? 3 : site.className.includes('2d') || site.className.includes('2D') ? 2 : 1;
  if (p.val.kind === 'num') return p.val.value ** dims;
  if (p.val.kind === 'arr' && !p.val.open && p.val.items.every((v) => v.kind === 'num')) return p.val.items.reduce((a, v) => a * (v.kind === 'num' ? v.value : 1), 1);
  return undefined;
}

/**
 * The inputs each unit of a weight layer sums: its declared input width, else the width of the layer before
 * it (through layers that keep the width), times the kernel area for a convolution. `exact` is false when a
 * width is unknown and 1 stands in for it: the fan-in, and so the gain, is then a lower bound.
 */
export function fanIn(site: LayerSite, before: LayerSite | undefined): { value: number; exact: boolean } {
  const width = declaredInputWidth(site) ?? (before ? outputWidth(before) : undefined);
  const conv = site.className !== 'dense';
  const area = conv ? kernelArea(site) : 1;
  return { value: (width ?? 1) * (area ?? 1), exact: width !== undefined && area !== undefined };
}

export interface LayerGain {
  site: LayerSite;
  init: KernelInitializer | undefined;
  /** fan-in · E[w²] · c, c = ½ under ReLU (He) and 1 otherwise (LeCun/Glorot's forward condition); 1 for a variance-scaled initializer. */
  gain: number;
  /** A lower bound (a width was unknown). */
  lowerBound: boolean;
  fanIn: number;
  activation: string | undefined;
  saturating: boolean;
  /** c = ½: the layer's activation is ReLU-like (He's condition). */
  reluHalf: boolean;
  /** How many times the layer is applied in a row (a loop): its own fan-in after the first application is its width. */
  repeat: number;
}

const WIDTH_KEEPING = new Set([...TRANSPARENT_LAYERS, 'activation', ...Object.keys(ACTIVATION_LAYERS)]);
WIDTH_KEEPING.delete('flatten');
WIDTH_KEEPING.delete('reshape');

/**
 * The weight layers of a sequence with their gains, grouped in runs: a run ends at a saturating activation
 * (its output is bounded, so the next layer starts from unit scale), at an initializer or layer that cannot
 * be read, and at anything else that breaks the chain (an unknown entry, a layer under a condition).
 */
export function gainRuns(entries: ChainEntry[], kernelInitializers: (site: LayerSite) => KernelInitializer[]): LayerGain[][] {
  const runs: LayerGain[][] = [];
  let run: LayerGain[] = [];
  let before: LayerSite | undefined;
  const flush = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  entries.forEach((e, i) => {
    // A layer added under a condition is judged as if it runs (if it does, its scale is what it is).
    const entry = e.kind === 'layer' ? e : undefined;
    if (!entry) {
      before = undefined;
      return flush();
    }
    const site = entry.site;
    if (!WEIGHT_LAYERS.has(site.className)) {
      if (site.className === 'inputLayer' || WIDTH_KEEPING.has(site.className) || site.className.toLowerCase().includes('pool')) {
        if (site.className === 'inputLayer') before = site;
        return;
      }
      if (site.className !== 'flatten') flush();
      before = undefined;
      return;
    }
    const kernel = kernelInitializers(site).find((k) => k.key === 'kernelInitializer' || k.key === 'depthwiseInitializer');
    const explicit = configProp(site, 'kernelInitializer');
    const moment = kernel ? secondMoment(kernel) : undefined;
    const scaled = explicit === 'absent' || (kernel !== undefined && /^(glorot|he|lecun|variancescaling|orthogonal)/i.test(kernel.name));
    const act = effectiveActivation(entries, i)?.name;
    if ((!moment && !scaled) || act === undefined) {
      before = site;
      return flush();
    }
    const fan = fanIn(site, before);
    const c = RELU_LIKE.has(act) ? 0.5 : 1;
    const repeat = entry.repeat === 'unknown' ? 1 : entry.repeat;
    const gain = moment ? fan.value * moment.value * c : 1;
    run.push({ site, init: moment ? kernel : undefined, gain, lowerBound: !fan.exact, fanIn: fan.value, activation: act, saturating: SATURATING.has(act), reluHalf: c === 0.5, repeat });
    if (SATURATING.has(act)) flush();
    before = site;
  });
  flush();
  return runs;
}

/** The gain of each application of a repeated layer after the first: it then sums its own width. */
export function laterGain(layer: LayerGain): number {
  const own = outputWidth(layer.site);
  return (layer.gain / layer.fanIn) * (own ?? 1);
}

/** The gain of a repeated layer over all its repetitions. */
export function repeatedGain(layer: LayerGain): number {
  return layer.repeat <= 1 || !layer.init ? layer.gain : layer.gain * laterGain(layer) ** (layer.repeat - 1);
}
