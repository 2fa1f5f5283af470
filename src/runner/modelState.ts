// A measurement must leave the model as it found it. Every training-mode pass moves BatchNormalization's moving
// statistics (non-trainable weights that fit() updates once per step), and the probes train from the initial
// weights: without putting things back, a profile's model after its N steps had one moving-statistics update
// more than fit() gives in N steps (the read-only last step), and after the probes it held the last probe's
// weights. The copies are tensors (clone/assign on the backend), not Float32Array round trips, and are written
// with Variable.assign rather than LayerVariable.write/setWeights, which would also run the weights' constraints
// (maxNorm etc.) and so change values the user's training never constrained at that point.
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { seededRandom } from '../core/random';
import type { Tf } from './tfjsResolve';

type Assignable = Tensor & { assign(value: Tensor): void };
/** tfjs-layers' LayerVariable: read() is the backing tf.Variable itself. */
export type LayerVariable = { read(): Tensor };

/** The values of some weights (all of a model's: trainable and non-trainable), to put back later. */
export class WeightSnapshot {
  private readonly values: Tensor[];

  constructor(tf: Tf, private readonly variables: readonly LayerVariable[]) {
    // A clone shares the variable's storage until the variable is assigned a new value (copy on write).
    this.values = variables.map((v) => tf.clone(v.read()));
  }

  /** Every weight of the model: trainable and non-trainable (BatchNormalization's moving mean and variance). */
  static ofModel(tf: Tf, model: LayersModel): WeightSnapshot {
    return new WeightSnapshot(tf, model.weights);
  }

  /** Copies of the saved values of `variables` (the caller disposes them); an empty list if any is not in the snapshot. */
  valuesOf(variables: readonly LayerVariable[]): Tensor[] {
    const indices = variables.map((v) => this.variables.indexOf(v));
    return indices.some((i) => i < 0) ? [] : indices.map((i) => this.values[i].clone());
  }

  /** Writes the saved values back, exactly (no constraint applied). */
  restore(): void {
    this.variables.forEach((v, i) => (v.read() as Assignable).assign(this.values[i]));
  }

  dispose(): void {
    for (const value of this.values) value.dispose();
  }
}

/** Runs `work` and then puts every weight of the model back as it was before. */
export async function leavingModelAsFound<T>(tf: Tf, model: LayersModel, work: () => Promise<T>): Promise<T> {
  const saved = WeightSnapshot.ofModel(tf, model);
  try {
    return await work();
  } finally {
    saved.restore();
    saved.dispose();
  }
}

/** The synchronous form, for passes inside a step (quietLoss, the non-finite locator). */
export function leavingWeightsAsFound<T>(tf: Tf, variables: readonly LayerVariable[], work: () => T): T {
  const saved = new WeightSnapshot(tf, variables);
  try {
    return work();
  } finally {
    saved.restore();
    saved.dispose();
  }
}

/** The seed of every probe's random numbers: each probe draws the same sequence (runner/rateProbe.ts, overfitBatch.ts). */
export const PROBE_SEED = 20171;

/**
 * Runs a probe's synchronous steps with Math.random seeded, then puts the script's generator back. tfjs draws every
 * unseeded random tensor's seed from Math.random (tfjs-core rand_util's UniformRandom: Dropout's masks, GaussianNoise),
 * so without this a probe would advance the script's own random sequence; with it the probes leave it as they found
 * it, and every probe draws the same masks — two probes compared with each other differ by their setting, not by
 * their noise (common random numbers). Synchronous on purpose: no other code of the script can run meanwhile.
 */
export function withProbeRandom<T>(work: () => T): T {
  const scripts = Math.random;
  Math.random = seededRandom(PROBE_SEED);
  try {
    return work();
  } finally {
    Math.random = scripts;
  }
}
