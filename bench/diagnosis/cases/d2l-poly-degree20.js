// @case d2l-poly-degree20
// @set heldout21
// @label buggy
// @bug missing-regularization
// @fault all twenty features (degree 19) on 100 training rows with nothing to hold the higher coefficients near 0: "there are
//   insufficient data to learn that the higher-degree coefficients should have values close to zero ... Though the training loss
//   can be effectively reduced, the test loss is still much higher. It shows that the complex model overfits the data." The
//   section's next step is weight decay (section 4.5).
// @source Dive into Deep Learning (A. Zhang, Z. C. Lipton, M. Li, A. J. Smola), section 4.4 "Model Selection, Underfitting, and
//   Overfitting", subsection "Polynomial Regression", TensorFlow tab: github.com/d2l-ai/d2l-en@dd08847,
//   chapter_multilayer-perceptrons/underfit-overfit.md — max_degree = 20, n_train = n_test = 100, true_w[0:4] = [5, 1.2, -3.4, 5.6],
//   features ~ N(0, 1), poly_features[:, i] = x^i / i!, labels += N(0, 0.1²); train(): Dense(1, use_bias=False), MeanSquaredError,
//   SGD(learning_rate=.01), batch_size = min(10, n_train), load_array shuffles the training rows, num_epochs=400 by default.
// @training the section: "Though the training loss can be effectively reduced, the test loss is still much higher. It shows that the
//   complex model overfits the data" (train(..., num_epochs=1500) on poly_features[:n_train, :]).
// @data the section's own generator, seeded (numpy's draws are not reproducible here): 200 draws x ~ N(0, 1), the features x^i / i!
//   for i = 0 … 19, targets 5 + 1.2x − 3.4x²/2! + 5.6x³/3! + N(0, 0.1²); the first 100 rows train, the last 100 are the test rows
//   the section evaluates every 20 epochs (here validation data).
// @settings the twenty features x^i / i! (i = 0 … 19) → Dense(1, no bias), Keras defaults, mean squared error, plain SGD at 0.01,
//   batches of 10, shuffled, 1,500 epochs, no regularization.
// @license the book's code is MIT-0 and its text CC BY-SA 4.0 (d2l-ai/d2l-en); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const maxDegree = 20;
const draw = rng(20);
const xs = Array.from({ length: 200 }, () => draw.normal());
const factorial = (n) => (n <= 1 ? 1 : n * factorial(n - 1));
const polyFeatures = xs.map((x) => Array.from({ length: maxDegree }, (_, i) => x ** i / factorial(i)));
const trueW = [5, 1.2, -3.4, 5.6];
const labels = polyFeatures.map((row) => trueW.reduce((s, w, i) => s + w * row[i], 0) + 0.1 * draw.normal());

// poly_features[:n_train, :]: all twenty monomials, no penalty on the higher ones
const width = maxDegree; // FAULT
const pick = (row) => row.slice(0, width);
const trainX = tf.tensor2d(polyFeatures.slice(0, 100).map(pick));
const testX = tf.tensor2d(polyFeatures.slice(100).map(pick));
const trainY = tf.tensor2d(labels.slice(0, 100), [100, 1]);
const testY = tf.tensor2d(labels.slice(100), [100, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, useBias: false, inputShape: [width] })); // the bias is the constant feature x^0
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01) });
model.fit(trainX, trainY, { batchSize: 10, epochs: 1500, shuffle: true, validationData: [testX, testY] });
