// @case keras3040-linreg-sgd
// @set heldout15
// @label buggy
// @bug lr-high
// @fault SGD at 0.001 with one sample per step on x = 0…199: the squared error's curvature in the weight is 2x², up to 2·199² ≈ 79,000,
//   so a step of 0.001 multiplies the error by |1 − 0.001·2x²| ≈ 78 on the largest rows and the weight runs to infinity within
//   the epoch. The fix is the rate (the reporter: "realized my learning rate was too high"): the FAULT line is the optimizer's.
// @source keras-team/keras issue #3040 "Simple Linear Regression Nan's after a few iterations." (2016-06-21,
//   github.com/keras-team/keras/issues/3040): x = 1.0·np.array(range(200)), y = 2.0·x; Sequential([Dense(1, input_dim=1)]);
//   SGD(lr=0.001, decay=1e-6, momentum=0, nesterov=False); loss 'mean_squared_error'; model.fit(x, y, nb_epoch=1, batch_size=1).
//   (Earlier sets ported other keras-team/keras threads, not this one.)
// @training the issue: "when training even a very simple net on simple data, the weights go to Nan"; the reporter closes it with
//   "realized my learning rate was too high".
// @data the 200 rows, inline: x = 0…199, y = 2x.
// @settings Dense(1) with Keras 1's glorot_uniform kernel and zero bias (seeded here), MSE, SGD 0.001 (Keras 1's decay=1e-6 per
//   update, lr/(1 + 1e-6·t), changes the rate by under 0.02 % over the 200 updates and is left out), batch 1 shuffled, 1 epoch
//   (200 steps): the plan.
// @license the code is quoted under GitHub's terms for issue content; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = Array.from({ length: 200 }, (_, i) => i);
const x = tf.tensor2d(xs, [200, 1]);
const y = tf.tensor2d(xs.map((v) => 2 * v), [200, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 3040 }), biasInitializer: 'zeros' }));
const sgd = tf.train.sgd(0.001); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(x, y, { epochs: 1, batchSize: 1, shuffle: true });
