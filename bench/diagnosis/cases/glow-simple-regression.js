// @case glow-simple-regression
// @set heldout13
// @label healthy
// @source pytorch/glow, tests/unittests/MLTest.cpp (github.com/pytorch/glow@043e491), TEST_P(MLTest, simpleRegression): "takes
//   the first element from the input vector, adds one to it and places the result in the second element of the output vector" —
//   1,000 single-row steps with input (t, 0, 0, 0) and target (0, t + 1, 0, 0), t = iter % 9; createFullyConnected 4 →
//   createRELU → createRegression; TrainingConfig learningRate 0.05 (batchSize 1); then EXPECT_NEAR(output[1], t + 1, 0.1) for
//   t = 1 … 5. Initialisation: github.com/pytorch/glow@020fc77, src/glow/Graph/Graph.cpp (weights InitKind::Xavier over the
//   fan-in, biases Broadcast 0.1).
// @training a unit test that passes in Glow's CI: each tested output within 0.1 of t + 1 after 1,000 steps.
// @data the test's 1,000 rows, generated as it does (t = i % 9).
// @settings Dense(4, relu), kernel uniform ±√(3 / fan-in) (Glow's Xavier), biases 0.1, mean squared error, SGD 0.1 (Glow's
//   regression gradient (output − target) per output at 0.05 is tfjs's MSE over the 4 outputs at 0.05 × 4 / 2), batch 1, one
//   epoch over the 1,000 rows in order.
// @license Glow is Apache-2.0; this is our TensorFlow.js translation of its unit test.
const tf = require('@tensorflow/tfjs');

const steps = Array.from({ length: 1000 }, (_, i) => i % 9);
const xs = tf.tensor2d(steps.map((t) => [t, 0, 0, 0]));
const ys = tf.tensor2d(steps.map((t) => [0, t + 1, 0, 0]));
// createFullyConnected: Xavier weights (uniform ±√(3 / fan-in)), every bias 0.1.
const xavier = () => tf.initializers.varianceScaling({ scale: 1, mode: 'fanIn', distribution: 'uniform' });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, activation: 'relu', inputShape: [4], kernelInitializer: xavier(), biasInitializer: tf.initializers.constant({ value: 0.1 }) }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
model.fit(xs, ys, { batchSize: 1, epochs: 1, shuffle: false });
