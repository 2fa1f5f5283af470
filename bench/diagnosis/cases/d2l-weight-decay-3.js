// @case d2l-weight-decay-3
// @label healthy
// @source Dive into Deep Learning (Zhang, Lipton, Li & Smola, Cambridge University Press 2023), section 3.7 "Weight
//   Decay", TensorFlow tab: github.com/d2l-ai/d2l-en@23d7a5a, chapter_linear-regression/weight-decay.md (Data(num_train=20,
//   num_val=100, num_inputs=200, batch_size=5), Trainer(max_epochs=10), lr 0.01; "Training without Regularization":
//   lambd = 0 — "Note that we overfit badly, decreasing the training error but not the validation error — a textbook
//   case of overfitting"; "Using Weight Decay" with 3 — this case: "the training error increases but the validation error
//   decreases. This is precisely the effect we expect from regularization").
// @note the section's concise implementation as it runs it: WeightDecay(wd=3, lr=0.01), Dense(1) with
//   kernel_regularizer=l2(3).
// @data the section's own synthetic data: X ~ N(0, 1) of 120 × 200, y = 0.05 + Σ 0.01·x_i + N(0, 0.01²) noise; the first
//   20 rows train, the other 100 validate (seeded: d2l draws them unseeded).
// @settings Dense(1) with RandomNormal(0, 0.01) kernel and l2(wd) kernel regularizer (wd = 3), mean squared error, SGD lr
//   0.01, batch 5, 10 epochs, training batches shuffled.
// @license d2l-en's code is MIT-0-licensed (its text CC BY-SA 4.0); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const numTrain = 20;
const numVal = 100;
const numInputs = 200;
const random = rng(37);
const X = Array.from({ length: numTrain + numVal }, () => Array.from({ length: numInputs }, () => random.normal()));
const y = X.map((row) => [row.reduce((s, v) => s + 0.01 * v, 0.05) + 0.01 * random.normal()]);
const trainX = tf.tensor2d(X.slice(0, numTrain));
const trainY = tf.tensor2d(y.slice(0, numTrain));
const valData = [tf.tensor2d(X.slice(numTrain)), tf.tensor2d(y.slice(numTrain))];

const wd = 3;
const net = tf.sequential();
net.add(tf.layers.dense({ inputShape: [numInputs], units: 1, kernelRegularizer: tf.regularizers.l2({ l2: wd }), kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.01 }) }));
net.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
net.fit(trainX, trainY, { batchSize: 5, epochs: 10, shuffle: true, validationData: valData });
