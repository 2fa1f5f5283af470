// How often a ReLU output layer is born dead: its kernel and bias drawn afresh from its own initializers, many times, on
// the profiled batch's inputs to it. A unit that is ≤ 0 for every row passes no gradient to anything below it and never
// recovers (Lu, Shin, Su & Karniadakis 2019, "Dying ReLU and Initialization"), so a draw that starts it there is a run
// that never trains — tensorflow/tfjs#918's "sometimes there is no learning". The draws read the initializer, not the
// one draw this run happened to make (core/outputBirthRule.ts judges them; docs/rules/dead-relu.md).
import type { LayersModel, SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import { HARD_ZERO } from '../core/activations';
import { withProbeRandom } from './modelState';
import type { Tf } from './tfjsResolve';

/** Initial draws read per output layer: the share's standard error at 10 % is 3.8 points. */
export const BIRTH_DRAWS = 64;

type Initializer = { apply(shape: number[], dtype?: string): Tensor; seed?: number | null };
type DenseLike = {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  input: SymbolicTensor | SymbolicTensor[];
  kernelInitializer?: Initializer;
  biasInitializer?: Initializer;
  useBias?: boolean;
  getWeights(): Tensor[];
};

export interface OutputBirth {
  draws: number;
  /** Mean over the draws of the share of the layer's units that are ≤ 0 for every row of the batch. */
  deadShare: number;
  /** The same share for the weights this run drew. */
  deadNow: number;
  rows: number;
}

/**
 * Undefined unless the layer is a Dense output with a ReLU whose initializers are unseeded (a seeded initializer draws
 * the same weights every run: the run's own draw is then the only one, and the profiled steps read it).
 */
export function readOutputBirth(tf: Tf, model: LayersModel, layer: DenseLike, xs: readonly Tensor[]): OutputBirth | undefined {
  const config = layer.getConfig();
  if (layer.getClassName() !== 'Dense' || !HARD_ZERO.has(typeof config.activation === 'string' ? config.activation : undefined)) return undefined;
  const kernel = layer.kernelInitializer;
  const bias = layer.useBias === false ? undefined : layer.biasInitializer;
  if (!kernel || typeof kernel.apply !== 'function' || kernel.seed != null || (bias && bias.seed != null)) return undefined;
  if (Array.isArray(layer.input)) return undefined;
  // tfjs's unseeded initializers seed themselves from Math.random: the probes' seeded one for the draws, the script's put back.
  try {
    return withProbeRandom(() => tf.tidy(() => {
      const input = layer.input as SymbolicTensor;
      const at = model.inputs.indexOf(input);
      const h = at >= 0 ? xs[at] : (tf.model({ inputs: model.inputs, outputs: input }).predict(xs.length === 1 ? xs[0] : [...xs]) as Tensor);
      const fanIn = h.shape[h.shape.length - 1] ?? 1;
      const rows = tf.reshape(h, [-1, fanIn]);
      const [w0, b0] = layer.getWeights();
      const units = w0.shape[1] ?? 1;
      const deadUnits = (w: Tensor, b: Tensor | undefined) => {
        const z = b ? tf.add(tf.matMul(rows, w), b) : tf.matMul(rows, w);
        return tf.mean(tf.cast(tf.lessEqual(tf.max(z, 0), 0), 'float32'));
      };
      // Summed on the backend and read once: one read per draw costs more than the draws themselves.
      const draws = Array.from({ length: BIRTH_DRAWS }, () => deadUnits(kernel.apply([fanIn, units]), bias?.apply([units])));
      const dead = tf.addN(draws).dataSync()[0];
      return { draws: BIRTH_DRAWS, deadShare: dead / BIRTH_DRAWS, deadNow: deadUnits(w0, bias ? b0 : undefined).dataSync()[0], rows: rows.shape[0] ?? 0 };
    }));
  } catch {
    return undefined; // a layer whose input cannot be read on its own tells nothing
  }
}
