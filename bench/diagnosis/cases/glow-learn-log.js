// @case glow-learn-log
// @set heldout13
// @label healthy
// @source pytorch/glow, tests/unittests/MLTest.cpp (github.com/pytorch/glow@043e491), TEST_P(MLTest, learnLog): 50 points
//   x = 0.75 + i · 0.75 / 50 with targets log(x); createFullyConnected 4 → createTanh → createFullyConnected 1 → createRegression;
//   TrainingConfig learningRate 0.07, batchSize 5; runBatch over 1,000 consecutive batches of 5; then EXPECT_NEAR(output, log(x),
//   0.02) on five random x in [0.85, 1.45). The layers' initialisation: github.com/pytorch/glow@020fc77, src/glow/Graph/Graph.cpp
//   (weights InitKind::Xavier over the fan-in, biases Broadcast 0.1).
// @training a unit test that passes in Glow's CI: every tested output within 0.02 of log(x) after 1,000 steps.
// @data the test's 50 points, generated as it does.
// @settings Dense(4, tanh) → Dense(1), kernels uniform ±√(3 / fan-in) (Glow's Xavier), biases 0.1, mean squared error, SGD 0.035
//   (Glow's regression gradient (output − target) averaged over the batch of 5 at 0.07 is tfjs's MSE at 0.07 / 2), batch 5,
//   100 epochs (= 1,000 batches), rows in order.
// @license Glow is Apache-2.0; this is our TensorFlow.js translation of its unit test.
const tf = require('@tensorflow/tfjs');

const inputs = Array.from({ length: 50 }, (_, i) => 0.75 + (i * (1.5 - 0.75)) / 50);
const xs = tf.tensor2d(inputs.map((x) => [x]));
const ys = tf.tensor2d(inputs.map((x) => [Math.log(x)]));
// createFullyConnected: Xavier weights (uniform ±√(3 / fan-in)), every bias 0.1.
const xavier = () => tf.initializers.varianceScaling({ scale: 1, mode: 'fanIn', distribution: 'uniform' });
const bias = () => tf.initializers.constant({ value: 0.1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [1], kernelInitializer: xavier(), biasInitializer: bias() }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: xavier(), biasInitializer: bias() }));
model.compile({ optimizer: tf.train.sgd(0.035), loss: 'meanSquaredError' });
model.fit(xs, ys, { batchSize: 5, epochs: 100, shuffle: false });
