// What the per-layer gradient rules share: the options they are judged under, one layer's history under a rule
// (a Hit), the tracker that builds those histories over the profiled steps, and the wording helpers.
import type { LayerInfo, LayerStepStats, RelatedLayer, SourceLocation, Thresholds } from './protocol';
import type { StepRecord } from './healthModel';

export interface LossEvidence {
  /** The loss fell steadily over the profiled steps; undefined when only step 0 was profiled. */
  falls: boolean | undefined;
  /** It fell less than that, but is leaving its plateau (loss-not-decreasing says slow, not stuck): it falls, slowly. */
  slowStart?: boolean;
  /** "the loss fell from 2.3 to 1.1 over 20 steps" */
  text: string;
}

export interface LayerRuleOptions {
  lossFalls: LossEvidence;
  /** Layers whose dead units another finding already explains (a ReLU output under a cross-entropy). */
  skipDead: ReadonlySet<string>;
  skipNonFinite: boolean;
  /** The model's output layers. */
  outputLayers: ReadonlySet<string>;
  /** The compile() call that chose the loss: a NaN/Inf first seen in the loss is located there. */
  lossSite?: SourceLocation;
  /** The line that made the inputs: a NaN/Inf already in the batch is located there. */
  inputSite?: SourceLocation;
  /** The optimizer's class (tfjs getClassName()): whether its step is proportional to the gradient. */
  optimizer?: string;
}

/** One layer's history under one rule. */
export interface Hit {
  layer: LayerInfo;
  index: number;
  /** Steps at which the condition held, with the value that decided it. */
  held: { step: number; value: number; stats: LayerStepStats }[];
  /** The last step at which the layer was judged, and whether the condition held there. */
  lastJudged: number;
  atEnd: boolean;
  endValue: number;
  cause?: RelatedLayer;
}

/** A layer's verdict at one step: the value that decided a hit, false when the condition does not hold, undefined when not judged. */
export type Judge = (stats: LayerStepStats, record: StepRecord, layerInfo: LayerInfo) => number | false | undefined;

/** Everything a layer rule reads: the model's layers in order, the profiled steps, the thresholds and options. */
export interface LayerRuleContext {
  layers: readonly LayerInfo[];
  steps: readonly StepRecord[];
  t: Thresholds;
  options: LayerRuleOptions;
  /** Layer name → its index in model order. */
  order: ReadonlyMap<string, number>;
  info: ReadonlyMap<string, LayerInfo>;
}

export function layerRuleContext(layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, options: LayerRuleOptions): LayerRuleContext {
  return { layers, steps, t, options, order: new Map(layers.map((l, i) => [l.name, i])), info: new Map(layers.map((l) => [l.name, l])) };
}

/** Runs `judge` over every step for every layer; the hits in model order. */
export function track(ctx: LayerRuleContext, judge: Judge): Hit[] {
  const hits = new Map<string, Hit>();
  for (const record of ctx.steps) {
    for (const stats of record.layers) {
      const layerInfo = ctx.info.get(stats.name);
      if (!layerInfo) continue;
      const verdict = judge(stats, record, layerInfo);
      if (verdict === undefined) continue;
      let hit = hits.get(stats.name);
      if (!hit && verdict === false) continue;
      hit ??= { layer: layerInfo, index: ctx.order.get(stats.name)!, held: [], lastJudged: record.step, atEnd: false, endValue: NaN };
      hits.set(stats.name, hit);
      hit.lastJudged = record.step;
      hit.atEnd = verdict !== false;
      if (verdict !== false) {
        hit.held.push({ step: record.step, value: verdict, stats });
        hit.endValue = verdict;
      }
    }
  }
  // A layer judged after its last hit, where the condition no longer held, resolved.
  return [...hits.values()].sort((a, b) => a.index - b.index);
}

export const persistence = (hit: Hit) =>
  !hit.atEnd
    ? `at step ${hit.held[0].step}, resolved by step ${hit.lastJudged}`
    : hit.held[0].step === hit.lastJudged
      ? `at step ${hit.lastJudged}`
      : `from step ${hit.held[0].step} to step ${hit.lastJudged}`;

export const related = (hit: Hit, message: string): RelatedLayer => ({ layer: hit.layer.name, location: hit.layer.location, message });

export const isBias = (name: string) => /(^|\/)bias(_\d+)?$/.test(name);

function weightSize(info: LayerInfo | undefined, name: string): number {
  return info?.weights.find((w) => w.name === name)?.shape.reduce((a, b) => a * b, 1) ?? 1;
}

export function layerMeanAbs(stats: LayerStepStats, info: LayerInfo | undefined): number {
  let sum = 0;
  let count = 0;
  for (const w of stats.weights) {
    const size = weightSize(info, w.name);
    sum += w.meanAbs * size;
    count += size;
  }
  return count === 0 ? NaN : sum / count;
}

/** ‖w‖ and its RMS over the layer's weights. */
export function layerWeights(stats: LayerStepStats, info: LayerInfo | undefined): { norm: number; rms: number } {
  const sq = stats.weights.reduce((s, w) => s + w.weightNorm * w.weightNorm, 0);
  const size = stats.weights.reduce((s, w) => s + weightSize(info, w.name), 0);
  return { norm: Math.sqrt(sq), rms: size > 0 ? Math.sqrt(sq / size) : 0 };
}

/** A layer whose non-bias weights are all exactly zero (e.g. a zeros-initialised output layer). */
export function isZeroLayer(stats: LayerStepStats): boolean {
  const kernels = stats.weights.filter((w) => !isBias(w.name));
  return kernels.length > 0 && kernels.every((w) => w.weightNorm === 0);
}

export function linesText(layers: readonly LayerInfo[]): string {
  const lines = [...new Set(layers.map((l) => l.location?.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
  if (lines.length === 0) return '';
  if (lines.length === 1) return ` at line ${lines[0]}`;
  const contiguous = lines[lines.length - 1] - lines[0] === lines.length - 1;
  return contiguous ? ` at lines ${lines[0]}–${lines[lines.length - 1]}` : ` at lines ${lines.join(', ')}`;
}

export const at = (l: LayerInfo) => (l.location ? `${l.name} (line ${l.location.line})` : l.name);
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
