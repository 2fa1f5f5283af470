// @case dlwpt-ch5-normalized
// @moved-from heldout7 (held-out protocol: its plan is the near miss of unscaled-input's closed-form plan reading, developed with this pair in view, branch misses)
// @label healthy
// @source E. Stevens, L. Antiga & T. Viehmann, Deep Learning with PyTorch (Manning 2020), chapter 5 "The mechanics of
//   learning", its code at github.com/deep-learning-with-pytorch/dlwpt-code@d6c0210, p1ch5/1_parameter_estimation.ipynb
//   (cells 18-20): t_un = 0.1 · t_u, the linear model from w = 1, b = 0, mean squared error, plain gradient descent on all
//   eleven points, learning_rate = 1e-2, 5,000 epochs. The stored run: loss 80.36 at epoch 1, 29.03 at 10, 22.15 at 100,
//   2.9277 at 4,000 and 2.9276 at 5,000, params (5.3671, −17.3012) — the chapter's working fit.
// @data the chapter's eleven thermometer readings, inline in the notebook (t_c in °C, t_u in the unknown unit: 21.8-81.9).
// @settings Dense(1) with kernel 1 and bias 0, MSE, SGD lr 1e-2, full batch (11), 5,000 epochs, t_un = 0.1 · t_u.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
const t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];
const t_un = t_u.map((v) => 0.1 * v);
const x = tf.tensor2d(t_un, [11, 1]);
const y = tf.tensor2d(t_c, [11, 1]);

// def model(t_u, w, b): return w * t_u + b, from params = torch.tensor([1.0, 0.0])
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(1e-2) });
model.fit(x, y, { batchSize: 11, epochs: 5000, shuffle: false });
