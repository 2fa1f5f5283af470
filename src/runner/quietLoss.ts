// The outputs the rules' loss curve is measured on for a model with dropout or noise layers: without the noise, so
// one fixed batch gives one number per step. Inference mode does that, and is what the curve used; but a
// BatchNormalization layer in inference mode normalises by its moving statistics, which after k training steps hold
// only 1 − momentum^k of the data's (Keras/tfjs momentum 0.99: 18 % after 20 steps; Ioffe & Szegedy 2015 §3.1 use
// population statistics for inference only once trained). Over the profiled steps that measures the moving
// averages' warm-up, not learning: a model that normalises raw features of 10^5 with its first layer trains while its
// inference-mode loss climbs. So with BatchNormalization present, the pass runs in training mode (batch statistics,
// as the optimizer sees them) with every noise layer's rate set to 0, and the moving statistics that training mode
// updates as a side effect are put back.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';
import { allLayers } from './gradientCheck';
import { leavingWeightsAsFound, type LayerVariable } from './modelState';

type AnyLayer = { getClassName(): string; layers?: AnyLayer[]; layer?: AnyLayer; forwardLayer?: AnyLayer; backwardLayer?: AnyLayer; weights: LayerVariable[] };
type Applicable = { layers: unknown[]; apply(xs: Tensor[], kwargs: { training: boolean }): unknown };

/** Layers that add randomness in training mode, and the property that sets how much (0 turns it off). */
export const NOISE_SETTING: Record<string, 'rate' | 'stddev'> = {
  Dropout: 'rate',
  SpatialDropout1D: 'rate',
  SpatialDropout2D: 'rate',
  SpatialDropout3D: 'rate',
  GaussianDropout: 'rate',
  AlphaDropout: 'rate',
  GaussianNoise: 'stddev',
};

/** A forward pass without noise: inference mode, or with BatchNormalization present training mode with the noise off. */
export function quietOutputs(tf: Tf, model: Applicable, xs: Tensor[]): Tensor[] {
  const layers = allLayers(model.layers as AnyLayer[]);
  const norms = layers.filter((l) => l.getClassName() === 'BatchNormalization');
  const asList = (r: unknown) => (Array.isArray(r) ? r : [r]) as Tensor[];
  if (!norms.length) return asList(model.apply(xs, { training: false }));
  const noisy = layers.flatMap((l) => {
    const key = NOISE_SETTING[l.getClassName()];
    return key ? [{ layer: l as unknown as Record<string, number>, key, value: (l as unknown as Record<string, number>)[key] }] : [];
  });
  // The moving statistics (and gamma/beta, untouched) are put back after the pass.
  return leavingWeightsAsFound(tf, norms.flatMap((l) => l.weights), () => {
    try {
      for (const n of noisy) n.layer[n.key] = 0;
      return asList(model.apply(xs, { training: true }));
    } finally {
      for (const n of noisy) n.layer[n.key] = n.value;
    }
  });
}
