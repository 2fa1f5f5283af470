// @case dlwpt-ch5-lr-1e-2
// @set heldout7
// @label buggy
// @bug lr-high, unscaled-input
// @fault learning rate 1e-2 far above what gradient descent on the raw inputs (up to 81.9) tolerates — the loss reaches inf
//   by epoch 11; the book's fixes: a smaller rate, then inputs scaled by 0.1.
// @source E. Stevens, L. Antiga & T. Viehmann, Deep Learning with PyTorch (Manning 2020), chapter 5 "The mechanics of
//   learning", its code at github.com/deep-learning-with-pytorch/dlwpt-code@d6c0210, p1ch5/1_parameter_estimation.ipynb
//   (cell 16): the linear model w·t_u + b from w = 1, b = 0, mean squared error, plain gradient descent on all eleven
//   points with learning_rate = 1e-2 for 100 epochs on the raw t_u. The stored run: loss 1763.9 at epoch 1, 5,802,485.5 at
//   epoch 2, inf at epoch 11 (the loop stops) — the book: the training "blew up", the parameter updates are too large; its
//   fixes are a smaller rate (cell 17) and, because the weight's gradient is ~50× the bias's (4517.3 vs 82.6 at epoch 1),
//   inputs normalised to t_un = 0.1 · t_u (cell 18), with which the same rate converges to loss 2.93.
// @data the chapter's eleven thermometer readings, inline in the notebook (t_c in °C, t_u in the unknown unit: 21.8-81.9).
// @settings Dense(1) with kernel 1 and bias 0, MSE, SGD lr 1e-2, full batch (11), 100 epochs, raw t_u.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
const t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];
const x = tf.tensor2d(t_u, [11, 1]); // FAULT
const y = tf.tensor2d(t_c, [11, 1]);

// def model(t_u, w, b): return w * t_u + b, from params = torch.tensor([1.0, 0.0])
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(1e-2) }); // FAULT
model.fit(x, y, { batchSize: 11, epochs: 100, shuffle: false });
