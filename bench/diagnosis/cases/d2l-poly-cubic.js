// @case d2l-poly-cubic
// @set heldout21
// @label healthy
// @fault none by the source's statement: the third-order fit, the same order as the generating polynomial — "this model's training
//   and test losses can be both effectively reduced. The learned model parameters are also close to the true values w = [5, 1.2,
//   -3.4, 5.6]". The twin of d2l-poly-linear and d2l-poly-degree20.
// @source Dive into Deep Learning (A. Zhang, Z. C. Lipton, M. Li, A. J. Smola), section 4.4 "Model Selection, Underfitting, and
//   Overfitting", subsection "Polynomial Regression", TensorFlow tab: github.com/d2l-ai/d2l-en@dd08847,
//   chapter_multilayer-perceptrons/underfit-overfit.md — max_degree = 20, n_train = n_test = 100, true_w[0:4] = [5, 1.2, -3.4, 5.6],
//   features ~ N(0, 1), poly_features[:, i] = x^i / i!, labels += N(0, 0.1²); train(): Dense(1, use_bias=False), MeanSquaredError,
//   SGD(learning_rate=.01), batch_size = min(10, n_train), load_array shuffles the training rows, num_epochs=400 by default.
// @training the section: "The results show that this model's training and test losses can be both effectively reduced. The
//   learned model parameters are also close to the true values" (its printed weight, the book's build, is the closest thing to
//   [5, 1.2, -3.4, 5.6]; the stored text gives the statement, not the printout).
// @data the section's own generator, seeded (numpy's draws are not reproducible here): 200 draws x ~ N(0, 1), the features x^i / i!
//   for i = 0 … 19, targets 5 + 1.2x − 3.4x²/2! + 5.6x³/3! + N(0, 0.1²); the first 100 rows train, the last 100 are the test rows
//   the section evaluates every 20 epochs (here validation data).
// @settings the four features 1, x, x²/2!, x³/3! → Dense(1, no bias), Keras defaults (Glorot-uniform kernel), mean squared error, plain
//   SGD at 0.01, batches of 10, shuffled, 400 epochs.
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

// poly_features[:, :4]: 1, x, x^2/2!, x^3/3! — the order of the generating polynomial
const width = 4;
const pick = (row) => row.slice(0, width);
const trainX = tf.tensor2d(polyFeatures.slice(0, 100).map(pick));
const testX = tf.tensor2d(polyFeatures.slice(100).map(pick));
const trainY = tf.tensor2d(labels.slice(0, 100), [100, 1]);
const testY = tf.tensor2d(labels.slice(100), [100, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, useBias: false, inputShape: [width] })); // the bias is the constant feature x^0
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01) });
model.fit(trainX, trainY, { batchSize: 10, epochs: 400, shuffle: true, validationData: [testX, testY] });
