// @case cntk757-xor-tanh-scale10
// @set heldout16
// @label healthy
// @source microsoft/CNTK issue #757 "XOR problem. Back to basics." (2016-08-13, github.com/microsoft/CNTK/issues/757): the maintainer's
//   answer (F. Seide), "a configuration that a colleague ran successfully … The critical thing to get it to work was to adjust
//   initValueScale": output = Parameter(1, 2, initValueScale=10) * Tanh(Parameter(2, 2, initValueScale=10) * features +
//   Parameter(1, 1, fixedValue 0)) + Parameter(1, 1, fixedValue 0); criterion SquareError(labels, output); SGD maxEpochs 1000,
//   minibatchSize 4, learningRatesPerMB 1. CNTK's init "uniform" (the default) draws U(±0.05 × initValueScale): U(±0.5) here.
// @training the answer's log starts "Epoch[ 1 of 1000]-Minibatch[ 1- 10]: error = 0.40794673 * 40" and reports the configuration as
//   one that ran successfully; the reporter's own nets stopped at "error is 0.25 x 4" (predicting 0.5 for every pattern) — the
//   default-scale twin cntk757-xor-tanh-scale1.
// @data the four XOR patterns with regression targets 0, 1, 1, 0, each repeated 10 times (the log's first epoch counts 10
//   minibatches of 4, 40 samples), inline.
// @settings Dense(2, tanh) with kernel U(±0.5) and zero bias → Dense(1, linear) with kernel U(±0.5) and zero bias; squared error
//   (one output: the per-sample SquareError), SGD at 1 on the minibatch mean (learningRatesPerMB), minibatch 4, 1,000 epochs of 40
//   rows (10,000 steps), rows shuffled (CNTK's reader randomises by default). Port deviation: CNTK's hidden bias is one scalar shared
//   by both units (Parameter(1, 1)); here each unit has its own, both starting at 0. Seeded draws.
// @license CNTK is MIT-licensed (Microsoft); the configuration is quoted from the issue; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const patterns = [[0, 0], [0, 1], [1, 0], [1, 1]];
const targets = [[0], [1], [1], [0]];
const features = tf.tensor2d(Array.from({ length: 40 }, (_, i) => patterns[i % 4]));
const labels = tf.tensor2d(Array.from({ length: 40 }, (_, i) => targets[i % 4]));

// initValueScale = 10: U(±0.05 × 10).
const scaled = (seed) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, activation: 'tanh', inputShape: [2], kernelInitializer: scaled(757), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: scaled(758), biasInitializer: 'zeros' }));

model.compile({ optimizer: tf.train.sgd(1), loss: 'meanSquaredError' });
model.fit(features, labels, { batchSize: 4, epochs: 1000, shuffle: true });
