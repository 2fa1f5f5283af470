// @case glow-simple-network
// @set heldout13
// @label healthy
// @source pytorch/glow, tests/unittests/MLTest.cpp (github.com/pytorch/glow@043e491), TEST_P(MLTest, trainASimpleNetwork):
//   "Learning a single input vector" — input (0.15, 0.15, 0.15, 0.15), expected (0.9, 0.9, 0.9, 0.9); createFullyConnected 10 →
//   createSigmoid → createFullyConnected 4 → createRegression; TrainingConfig learningRate 0.05 (batchSize 1); runBatch 1,000
//   batches; then EXPECT_NEAR(output, 0.9, 0.05). Initialisation: github.com/pytorch/glow@020fc77, src/glow/Graph/Graph.cpp
//   (weights InitKind::Xavier over the fan-in, biases Broadcast 0.1).
// @training a unit test that passes in Glow's CI: the output within 0.05 of 0.9 after 1,000 steps.
// @data the test's one input vector and its target, inline.
// @settings Dense(10, sigmoid) → Dense(4), kernels uniform ±√(3 / fan-in) (Glow's Xavier), biases 0.1, mean squared error, SGD
//   0.1 (Glow's regression gradient (output − target) per output at 0.05 is tfjs's MSE over the 4 outputs at 0.05 × 4 / 2),
//   batch 1, 1,000 epochs of the one row.
// @license Glow is Apache-2.0; this is our TensorFlow.js translation of its unit test.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0.15, 0.15, 0.15, 0.15]]);
const ys = tf.tensor2d([[0.9, 0.9, 0.9, 0.9]]);
// createFullyConnected: Xavier weights (uniform ±√(3 / fan-in)), every bias 0.1.
const xavier = () => tf.initializers.varianceScaling({ scale: 1, mode: 'fanIn', distribution: 'uniform' });
const bias = () => tf.initializers.constant({ value: 0.1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [4], kernelInitializer: xavier(), biasInitializer: bias() }));
model.add(tf.layers.dense({ units: 4, kernelInitializer: xavier(), biasInitializer: bias() }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
model.fit(xs, ys, { batchSize: 1, epochs: 1000 });
