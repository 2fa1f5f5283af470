// @case dlwpt-ch5-adam
// @set heldout7
// @label healthy
// @source E. Stevens, L. Antiga & T. Viehmann, Deep Learning with PyTorch (Manning 2020), chapter 5 "The mechanics of
//   learning", its code at github.com/deep-learning-with-pytorch/dlwpt-code@d6c0210, p1ch5/3_optimizers.ipynb: the linear
//   model w·t_u + b from params [1.0, 0.0], mean squared error, optim.Adam(lr=1e-1) on all eleven points for 2,000 epochs on
//   the raw, unnormalised t_u ("we can even go back to using the original t_u": Adam's per-parameter step sizes make the
//   scaling unnecessary). The stored run: loss 7.61 at epoch 500, 3.09 at 1,000, 2.9286 at 1,500, 2.9276 at 2,000, params
//   (0.5367, −17.3021) — the same fit as the normalised SGD run.
// @data the chapter's eleven thermometer readings, inline in the notebook (t_c in °C, t_u in the unknown unit: 21.8-81.9).
// @settings Dense(1) with kernel 1 and bias 0, MSE, Adam lr 0.1, full batch (11), 2,000 epochs, raw t_u.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
const t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];
const x = tf.tensor2d(t_u, [11, 1]);
const y = tf.tensor2d(t_c, [11, 1]);

// def model(t_u, w, b): return w * t_u + b, from params = torch.tensor([1.0, 0.0])
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(1e-1) });
model.fit(x, y, { batchSize: 11, epochs: 2000, shuffle: false });
