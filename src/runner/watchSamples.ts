// Watch mode's periodic samples: every `every` steps, each layer's gradient histogram (log10|g|, the
// bins of a profile: core/stats.ts) and weight statistics. The gradients and weights are downloaded and
// binned in JS, which costs about as much as a few optimizer steps of a small CNN, hence the interval.
import type { NamedTensorMap } from '@tensorflow/tfjs';
import { combinedNorm, HISTOGRAM_BINS, HISTOGRAM_MAX_LOG10, HISTOGRAM_MIN_LOG10, weightStats } from '../core/stats';
import type { Histogram, WatchSample, WatchSampleLayer } from '../core/watchProtocol';
import type { WatchedLayer } from './watchTraining';

/** Bins of the linear weight histogram (between the layer's smallest and largest weight). */
const WEIGHT_BINS = 32;

const LOG_EDGES = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => HISTOGRAM_MIN_LOG10 + (i * (HISTOGRAM_MAX_LOG10 - HISTOGRAM_MIN_LOG10)) / HISTOGRAM_BINS);

function linearHistogram(arrays: Float32Array[]): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  let nonFinite = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (!Number.isFinite(x)) nonFinite++;
      else {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
  }
  if (lo === Infinity) return { scale: 'linear', edges: [0, 0], counts: [0], nonFinite };
  const bins = hi > lo ? WEIGHT_BINS : 1;
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (Number.isFinite(x)) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
    }
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  return { scale: 'linear', edges, counts, ...(nonFinite ? { nonFinite } : {}) };
}

export class SampleTaker {
  constructor(private readonly emit: (sample: WatchSample) => void) {}

  /** Runs inside the optimizer step, before the update: the weights are those the gradients were taken at. */
  take(step: number, epoch: number, layers: readonly WatchedLayer[], grads: NamedTensorMap): void {
    const sampled: WatchSampleLayer[] = [];
    for (const layer of layers) {
      const gradArrays: Float32Array[] = [];
      const weightArrays: Float32Array[] = [];
      const stats = layer.variables.flatMap((name, i) => {
        const g = grads[name];
        if (!g) return [];
        const grad = g.dataSync() as Float32Array;
        const weight = layer.reads[i].dataSync() as Float32Array;
        gradArrays.push(grad);
        weightArrays.push(weight);
        return [{ stats: weightStats(name, grad, weight), size: grad.length }];
      });
      if (!stats.length) continue;
      const size = stats.reduce((s, x) => s + x.size, 0);
      const counts = stats[0].stats.histogram.map((_, bin) => stats.reduce((s, x) => s + x.stats.histogram[bin], 0));
      const gradNorm = combinedNorm(stats.map((x) => x.stats.gradNorm));
      const weightNorm = combinedNorm(stats.map((x) => x.stats.weightNorm));
      const nonFinite = stats.reduce((s, x) => s + x.stats.nanCount + x.stats.infCount, 0);
      sampled.push({
        name: layer.info.name,
        gradNorm,
        weightNorm,
        ratio: weightNorm === 0 ? (gradNorm === 0 ? 0 : Infinity) : gradNorm / weightNorm,
        gradMeanAbs: stats.reduce((s, x) => s + x.stats.meanAbs * x.size, 0) / size,
        gradHistogram: {
          scale: 'log10abs',
          edges: LOG_EDGES,
          counts,
          zeros: Math.round(stats.reduce((s, x) => s + x.stats.zeroShare * x.size, 0)),
          ...(nonFinite ? { nonFinite } : {}),
        },
        weightHistogram: linearHistogram(weightArrays),
      });
    }
    this.emit({ step, epoch, layers: sampled });
  }
}
