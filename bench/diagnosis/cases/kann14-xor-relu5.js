// @case kann14-xor-relu5
// @set heldout14
// @label healthy
// @source attractivechaos/kann issue #14 "xor example" (github.com/attractivechaos/kann/issues/14): model_gen(2, 1, KANN_C_CEB,
//   1, 5) = input(2) → relu(dense(5)) → the binary cross-entropy cost layer (dense(1) → sigmoid → cross-entropy), trained with
//   kann_train_fnn1(ann, 0.001f, 64, 10000, 10, 0.1f, 4, x, y) on the four XOR rows. The library: github.com/attractivechaos/kann@e260712,
//   kann.c — kann_train_fnn1b shuffles the rows, holds back (int)(4 · 0.1) = 0 for validation (so no early stopping), and runs
//   10,000 epochs of mini-batches of min(64, 4) = 4 rows with kann_RMSprop(lr 0.001, decay 0.9); weights start N(0, 1 / fan_in)
//   (kann_new_leaf_array: kad_drand_normal · 1/√(len / rows)), biases 0.
// @training the issue prints the trained network's outputs: 0.000902 for [0, 0], 0.999955 for [0, 1], 0.999937 for [1, 0] and
//   0.000029 for [1, 1] (targets 0, 1, 1, 0).
// @data the four XOR rows, inline.
// @settings Dense(5, relu) → Dense(1, sigmoid), kernels N(0, 1/fan_in) (seeded here), zero biases, binary cross-entropy, RMSprop
//   0.001 (decay 0.9, ε 1e-6 as kann_RMSprop), one batch of 4 shuffled, 10,000 epochs: the plan.
// @license kann is MIT-licensed; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = tf.tensor2d([[0], [1], [1], [0]]);

const ann = tf.sequential();
ann.add(tf.layers.dense({ units: 5, activation: 'relu', inputShape: [2], kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(1 / 2), seed: 11 }), biasInitializer: 'zeros' }));
ann.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(1 / 5), seed: 12 }), biasInitializer: 'zeros' }));
ann.compile({ optimizer: tf.train.rmsprop(0.001, 0.9, 0, 1e-6), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
ann.fit(x, y, { batchSize: 64, epochs: 10000, shuffle: true });
