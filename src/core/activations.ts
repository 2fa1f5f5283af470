// What each activation function means for gradients, in one place for the runner (which outputs it
// measures), the health rules (how a finding explains itself) and the static analyzer (which initializer
// matches). Names compare in any spelling: tfjs 'hardSigmoid', Keras 'hard_sigmoid' and the analyzer's
// lower-cased 'hardsigmoid' are the same function.

const canonical = (name: string) => name.replace(/[_-]/g, '').toLowerCase();

/** A read-only set of activation names that ignores case, '_' and '-'. */
export class ActivationSet {
  private readonly keys: ReadonlySet<string>;
  constructor(readonly names: readonly string[]) {
    this.keys = new Set(names.map(canonical));
  }
  has(name: string | undefined): boolean {
    return name !== undefined && this.keys.has(canonical(name));
  }
}

/** Output exactly 0 on a half-line: a unit that is 0 for every example passes no gradient ("dead"). */
export const HARD_ZERO = new ActivationSet(['relu', 'relu6']);

/** Bounded with flat tails: the derivative tends to 0 on both sides, so stacks of them shrink gradients. */
export const SATURATING = new ActivationSet(['sigmoid', 'hardSigmoid', 'tanh', 'softsign']);

/**
 * Saturating with a derivative of at most 0.25 everywhere: each layer shrinks the backward signal by 4× or
 * more whatever its initialization (tanh and softsign have slope 1 at 0 and shrink it only when saturated).
 */
export const SIGMOID_LIKE = new ActivationSet(['sigmoid', 'hardSigmoid']);

/** Outputs in [0, 1] read as probabilities: what a binary cross-entropy expects of the output layer. */
export const PROBABILITY_OUTPUT = new ActivationSet(['sigmoid', 'hardSigmoid', 'softmax']);

/** Saturating and zero-centred (range (-1, 1)): the tails are |y| near 1; the others' range is (0, 1). */
export const ZERO_CENTRED = new ActivationSet(['tanh', 'softsign']);

/** Slope ≈ 1 for positive inputs: He initialization keeps their activations' variance from layer to layer. */
export const RELU_LIKE = new ActivationSet(['relu', 'relu6', 'elu', 'leakyRelu', 'swish', 'mish', 'gelu', 'gelu_new']);

/** Near-linear around 0 and bounded (or normalizing): Glorot initialization is their usual match. */
export const GLOROT_MATCHED = new ActivationSet(['sigmoid', 'hardSigmoid', 'tanh', 'softsign', 'softmax']);
