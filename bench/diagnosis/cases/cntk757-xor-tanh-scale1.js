// @case cntk757-xor-tanh-scale1
// @set heldout16
// @label buggy
// @bug wrong-init
// @fault the maintainer's XOR configuration at CNTK's default initValueScale (1): every weight U(±0.05) and the biases 0. XOR's
//   targets have zero correlation with each input, so the net's near-linear regime (tanh of tiny sums) carries no signal beyond the
//   mean: it sits at output 0.5, squared error 0.25 per pattern, the reporter's "minimum reached error is 0.25 x 4"; the answer's fix
//   is initValueScale = 10 (the twin cntk757-xor-tanh-scale10). The FAULT lines are the two weight initialisations.
// @source microsoft/CNTK issue #757 "XOR problem. Back to basics." (2016-08-13, github.com/microsoft/CNTK/issues/757): the maintainer's
//   answer (F. Seide), "a configuration that a colleague ran successfully … The critical thing to get it to work was to adjust
//   initValueScale": output = Parameter(1, 2, initValueScale=10) * Tanh(Parameter(2, 2, initValueScale=10) * features +
//   Parameter(1, 1, fixedValue 0)) + Parameter(1, 1, fixedValue 0); criterion SquareError(labels, output); SGD maxEpochs 1000,
//   minibatchSize 4, learningRatesPerMB 1. CNTK's init "uniform" (the default) draws U(±0.05 × initValueScale):
//   U(±0.5) in the answer, U(±0.05) at the default scale kept here.
// @training the reporter: nets of up to 3 layers and 50 units, sigmoid, tanh or ReLU, "looks like it is unsolvable for CNTK's SGD
//   (minimum reached error is 0.25 x 4)"; the answer: "The critical thing to get it to work was to adjust initValueScale" (to 10).
//   The reporter's own configuration is not in the thread: this is the answer's network with the one setting the answer names at its
//   default, the pre-fix program of the fix the thread gives.
// @data the four XOR patterns with regression targets 0, 1, 1, 0, each repeated 10 times (the log's first epoch counts 10
//   minibatches of 4, 40 samples), inline.
// @settings Dense(2, tanh) with kernel U(±0.05) and zero bias → Dense(1, linear) with kernel U(±0.05) and zero bias; squared error
//   (one output: the per-sample SquareError), SGD at 1 on the minibatch mean (learningRatesPerMB), minibatch 4, 1,000 epochs of 40
//   rows (10,000 steps), rows shuffled (CNTK's reader randomises by default). Port deviation: CNTK's hidden bias is one scalar shared
//   by both units (Parameter(1, 1)); here each unit has its own, both starting at 0. Seeded draws.
// @license CNTK is MIT-licensed (Microsoft); the configuration is quoted from the issue; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const patterns = [[0, 0], [0, 1], [1, 0], [1, 1]];
const targets = [[0], [1], [1], [0]];
const features = tf.tensor2d(Array.from({ length: 40 }, (_, i) => patterns[i % 4]));
const labels = tf.tensor2d(Array.from({ length: 40 }, (_, i) => targets[i % 4]));

// initValueScale left at its default 1: U(±0.05).
const scaled = (seed) => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, activation: 'tanh', inputShape: [2], kernelInitializer: scaled(757), biasInitializer: 'zeros' })); // FAULT
model.add(tf.layers.dense({ units: 1, kernelInitializer: scaled(758), biasInitializer: 'zeros' })); // FAULT

model.compile({ optimizer: tf.train.sgd(1), loss: 'meanSquaredError' });
model.fit(features, labels, { batchSize: 4, epochs: 1000, shuffle: true });
