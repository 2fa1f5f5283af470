// Fresh draws of a model's initial weights from its own initializers (tfjs's unseeded initializers take their
// seed from Math.random, seeded here per draw so that a draw is reproducible): the LR finder's repeats start from
// one each (./lrSweep.ts), and the scaling probe asks whether a verdict holds over draws (./scaleProbe.ts).
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { seededRandom } from '../core/random';
import { leavingModelAsFound, PROBE_SEED, WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';

/** Weight-name suffix → the layer (or RNN cell) attribute holding its initializer. */
const INITIALIZER_ATTRIBUTE: Record<string, string> = {
  kernel: 'kernelInitializer',
  bias: 'biasInitializer',
  recurrent_kernel: 'recurrentInitializer',
  embeddings: 'embeddingsInitializer',
  depthwise_kernel: 'depthwiseInitializer',
  pointwise_kernel: 'pointwiseInitializer',
  gamma: 'gammaInitializer',
  beta: 'betaInitializer',
  moving_mean: 'movingMeanInitializer',
  moving_variance: 'movingVarianceInitializer',
};

type Initializer = { apply(shape: number[], dtype?: string): Tensor };
type Variable = { id: number; originalName: string; shape: number[]; dtype: string; read(): Tensor; write(value: Tensor): unknown };
type Owner = { weights?: Variable[]; layers?: Owner[]; layer?: Owner; cell?: Owner; cells?: Owner[]; forwardLayer?: Owner; backwardLayer?: Owner } & Record<string, unknown>;

/** Each weight's initializer, found on the layer or cell that created it (nested models and wrappers included). */
function initializersOf(model: LayersModel): Map<number, Initializer> {
  const found = new Map<number, Initializer>();
  const visit = (owner: Owner | undefined) => {
    if (!owner) return;
    for (const child of [...(owner.layers ?? []), owner.layer, owner.cell, ...(owner.cells ?? []), owner.forwardLayer, owner.backwardLayer]) visit(child);
    for (const variable of owner.weights ?? []) {
      if (found.has(variable.id)) continue;
      const attribute = INITIALIZER_ATTRIBUTE[variable.originalName.split('/').pop() ?? ''];
      // An LSTM cell with unitForgetBias built its bias with an inline initializer (forget gate at 1),
      // not with the biasInitializer it keeps.
      const inlineBias = attribute === 'biasInitializer' && owner.unitForgetBias === true;
      const initializer = attribute && !inlineBias ? (owner[attribute] as Initializer | undefined) : undefined;
      if (initializer && typeof initializer.apply === 'function') found.set(variable.id, initializer);
    }
  };
  visit(model as unknown as Owner);
  return found;
}

/**
 * Resets the weights for a repeat: every weight with a known initializer is drawn afresh (tfjs's unseeded
 * initializers take their seed from Math.random, which is seeded here for the duration); the others go
 * back to the values the model had when it was loaded.
 */
export class WeightReset {
  private readonly initializers: Map<number, Initializer>;
  private readonly initial: Map<number, Tensor>;
  readonly note?: string;

  constructor(private readonly tf: Tf, private readonly model: LayersModel) {
    const variables = model.weights as unknown as Variable[];
    this.initializers = initializersOf(model);
    const others = variables.filter((v) => !this.initializers.has(v.id));
    this.initial = new Map(others.map((v) => [v.id, v.read().clone()]));
    if (others.length) {
      this.note = `${others.length} of ${variables.length} weights have no known initializer (${others
        .slice(0, 3)
        .map((v) => v.originalName)
        .join(', ')}${others.length > 3 ? ', …' : ''}): every repeat starts them from their loaded values.`;
    }
  }

  /** The copies of the weights without a known initializer. */
  dispose(): void {
    for (const value of this.initial.values()) value.dispose();
  }

  reset(seed: number): void {
    const random = Math.random;
    Math.random = seededRandom(seed);
    try {
      for (const variable of this.model.weights as unknown as Variable[]) {
        const initializer = this.initializers.get(variable.id);
        this.tf.tidy(() => {
          variable.write(initializer ? initializer.apply(variable.shape, variable.dtype) : this.initial.get(variable.id)!.clone());
        });
      }
    } finally {
      Math.random = random;
    }
  }
}

/** How many fresh draws a verdict over draws reads (./scaleProbe.ts, ./planStart.ts): seeded, so every profile draws the same ones. */
export const REDRAWS = 4;

/**
 * `work` from each of `count` seeded fresh draws (seeds PROBE_SEED + 1 … + count: every profile draws the same ones),
 * the weights with no known initializer starting every draw from `initial`; the model is left as it was found. A draw
 * whose `work` gives undefined ends them all (a probe out of time): undefined.
 */
export async function fromFreshDraws<T>(tf: Tf, model: LayersModel, initial: WeightSnapshot, count: number, work: (start: WeightSnapshot, draw: number) => Promise<T | undefined>): Promise<T[] | undefined> {
  return leavingModelAsFound(tf, model, async () => {
    initial.restore();
    const draws = new WeightReset(tf, model);
    const results: T[] = [];
    try {
      for (let draw = 1; draw <= count; draw++) {
        draws.reset(PROBE_SEED + draw);
        const start = WeightSnapshot.ofModel(tf, model);
        try {
          const result = await work(start, draw);
          if (result === undefined) return undefined;
          results.push(result);
        } finally {
          start.dispose();
        }
      }
    } finally {
      draws.dispose();
    }
    return results;
  });
}
