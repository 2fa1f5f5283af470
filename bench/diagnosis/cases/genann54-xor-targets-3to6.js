// @case genann54-xor-targets-3to6
// @set heldout15
// @label buggy
// @bug output-activation
// @fault genann's example 1 (XOR) with its four targets changed to 3, 4, 5, 6: the output layer is a sigmoid, whose range is (0, 1),
//   so no weight can reach the targets — the outputs pin at 1. The fix is the output activation (genann_act_linear) or targets
//   in range, as the maintainer answers: the FAULT line is the output layer's.
// @source codeplea/genann issue #54 "Example1 always shows 1 or 0, even when output is {3,4,5,6}" (2023-02-03,
//   github.com/codeplea/genann/issues/54): example1.c of github.com/codeplea/genann@8dcd1db with `const double output[4] = {3, 4,
//   5, 6};` — genann_init(2, 1, 2, 1), 500 rounds of genann_train on the four rows in order at rate 3. genann.c: weights and
//   bias weights U(−0.5, 0.5), sigmoid hidden and output units, one backpropagation step of ½(t − o)² per call.
// @training the issue: "I still see only 1 and 0 as a result" (example1 prints each output rounded, %1.f); the maintainer:
//   "Sigmoid activation, used by default, can return only values from 0 to 1. … bring the training data in range, or … change the
//   output activation to genann_act_linear".
// @data the four XOR inputs with the targets 3, 4, 5, 6, inline.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), weights and biases U(−0.5, 0.5) (seeded here; example1 seeds with time(0)), loss
//   ½(t − o)², SGD 3, one row per step in order, 500 epochs (2,000 steps): the example's plan.
// @license genann is zlib-licensed (Lewis Van Winkle); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const input = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const output = tf.tensor2d([[3], [4], [5], [6]]);

const init = (seed) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed });
const ann = tf.sequential();
ann.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [2], kernelInitializer: init(54), biasInitializer: init(55) }));
ann.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(56), biasInitializer: init(57) })); // FAULT

// genann_train: one step of ½(t − o)² on one row.
const halfSquaredError = (t, o) => tf.mul(0.5, tf.mean(tf.square(tf.sub(t, o))));
ann.compile({ optimizer: tf.train.sgd(3), loss: halfSquaredError });
ann.fit(input, output, { batchSize: 1, epochs: 500, shuffle: false });
