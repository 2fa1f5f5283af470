// @case glow232-xor-relu
// @set heldout13
// @label buggy
// @bug dead-relu
// @fault Glow's learnXor unit test before pull request #232: FC(6) → ReLU → FC(1) → ReLU → regression on the XOR table. "Version
//   with RELU failed 56 out of 100 runs. Tanh always converges." The fix swaps the ReLUs for tanh (the test as it stands:
//   glow232-xor-tanh), so the FAULT lines are the two layers whose activation it edits.
// @source pytorch/glow pull request #232 ("[ML tests] Fix xor", 2018-01-06, github.com/pytorch/glow/pull/232: "Changed RELU ->
//   Tanh. Version with RELU failed 56 out of 100 runs."); the test before it: github.com/pytorch/glow@01f2b35,
//   tests/unittests/InterpreterTest.cpp (TEST(Interpreter, learnXor): 10 rows (i % 2, (i >> 1) % 2) → a XOR b, createFullyConnected
//   6 → RELU → createFullyConnected 1 → RELU → createRegression, learningRate 0.05, EE.train(2500, …) on the 10 rows as one batch,
//   then EXPECT_NEAR(output, a ^ b, 0.1)); the layers' initialisation: github.com/pytorch/glow@020fc77, src/glow/Graph/Graph.cpp
//   (weights InitKind::Xavier over the fan-in, biases Broadcast 0.1).
// @training the pull request: the ReLU version fails the test (some output more than 0.1 from its XOR target after 2,500 steps)
//   in 56 of 100 runs; the tanh version always passes.
// @data the test's ten rows, inline: (0,0), (1,0), (0,1), (1,1) repeated, targets a XOR b.
// @settings Dense(6, relu) → Dense(1, relu), kernels uniform ±√(3 / fan-in) (Glow's Xavier), biases 0.1, mean squared error, SGD
//   0.25, one batch of 10, 2,500 epochs. Glow's regression node back-propagates (output − target) for every row and the
//   TrainingConfig of the time defaults to batchSize 1 (include/glow/Base/Train.h, github.com/pytorch/glow@cefd7a9; the test
//   sets none, so nothing is averaged over the 10 rows), i.e. the gradient of
//   ½ Σ (o − y)²; tfjs's MSE is (1/10) Σ (o − y)², so the same step is SGD 0.05 × 10 / 2 = 0.25. (If Glow's SGD had averaged over
//   the rows the rate would be 0.025; held-out 13's page records the port's own runs.)
// @license Glow is Apache-2.0; this is our TensorFlow.js translation of its unit test.
const tf = require('@tensorflow/tfjs');

const rows = Array.from({ length: 10 }, (_, i) => [i % 2, (i >> 1) % 2]);
const xs = tf.tensor2d(rows);
const ys = tf.tensor2d(rows.map(([a, b]) => [a ^ b]));
// createFullyConnected: Xavier weights (uniform ±√(3 / fan-in)), every bias 0.1.
const xavier = () => tf.initializers.varianceScaling({ scale: 1, mode: 'fanIn', distribution: 'uniform' });
const bias = () => tf.initializers.constant({ value: 0.1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 6, activation: 'relu', inputShape: [2], kernelInitializer: xavier(), biasInitializer: bias() })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'relu', kernelInitializer: xavier(), biasInitializer: bias() })); // FAULT
model.compile({ optimizer: tf.train.sgd(0.25), loss: 'meanSquaredError' });
model.fit(xs, ys, { batchSize: 10, epochs: 2500, shuffle: false });
