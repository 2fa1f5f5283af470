// @case gh-tf-3148-fixed
// @moved-from heldout4 (held-out protocol: motivated large-initializer judged by its variance gain, branch lint)
// @label healthy
// @source GitHub issue github.com/tensorflow/tensorflow/issues/3148 ("nan error: linear regression demo at tensorflow.org",
//   2016): the r0.9 "Get Started" linear regression (W·x + b fitted to y = 0.1x + 0.3, mean squared error, gradient descent
//   0.5, 201 steps) with the reporter's change `x_data = np.arange(100)`, after which W and b become NaN. The maintainer's
//   reply: "Your arange() version has a mean of 50ish. That means the learning rate provided to gradient descent will be
//   too high for stable convergence. You can fix this by x_data = np.arange(100).astype(np.float32) / 100" (the fixed case).
// @data the program's own: x = 0…99 (÷ 100 in the fix), y = 0.1x + 0.3.
// @settings W·x + b with W ~ U(−1, 1) and b = 0 (written as a Dense(1) layer with those initialisers), loss
//   reduce_mean((y − ŷ)²), GradientDescentOptimizer(0.5), 201 full-batch steps.
// @license code from TensorFlow's documentation (Apache-2.0) and a GitHub issue: this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xData = Array.from({ length: 100 }, (_, i) => i / 100);
const x = tf.tensor2d(xData, [100, 1]);
const y = tf.tensor2d(xData.map((v) => v * 0.1 + 0.3), [100, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1 }), biasInitializer: 'zeros' }));
const optimizer = tf.train.sgd(0.5);
model.compile({ loss: 'meanSquaredError', optimizer });
model.fit(x, y, { epochs: 201, batchSize: 100 });
