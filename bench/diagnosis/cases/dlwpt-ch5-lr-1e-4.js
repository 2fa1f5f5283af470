// @case dlwpt-ch5-lr-1e-4
// @moved-from heldout7 (held-out protocol: unscaled-input's closed-form plan reading (no stable rate reaches the least-squares fit, standardised inputs do) was developed on this program's numbers, branch misses)
// @label buggy
// @bug lr-low, unscaled-input
// @fault on raw inputs (up to 81.9) the weight's gradient is ~50× the bias's, so the stable rate 1e-4 leaves the bias all
//   but untouched and the loss stalls at 29 after 100 epochs; the book's fix: inputs scaled by 0.1 (then rate 1e-2).
// @source E. Stevens, L. Antiga & T. Viehmann, Deep Learning with PyTorch (Manning 2020), chapter 5 "The mechanics of
//   learning", its code at github.com/deep-learning-with-pytorch/dlwpt-code@d6c0210, p1ch5/1_parameter_estimation.ipynb
//   (cell 17): the same linear model and data as cell 16 with learning_rate = 1e-4 for 100 epochs on the raw t_u. The
//   stored run: loss 1763.9 → 323.1 at epoch 2 → 29.02 at epoch 100, w 0.2327, b −0.0438, the bias's gradient still 3.02 —
//   the book: now stable, but the updates are so small that the loss decreases very slowly and stalls; the gradient for w is
//   ~50× the one for b, so no single rate suits both, and its fix is normalising the input (t_un = 0.1 · t_u, cell 18:
//   loss 22.1 at epoch 100 and 2.93 at 5,000 with learning rate 1e-2).
// @data the chapter's eleven thermometer readings, inline in the notebook (t_c in °C, t_u in the unknown unit: 21.8-81.9).
// @settings Dense(1) with kernel 1 and bias 0, MSE, SGD lr 1e-4, full batch (11), 100 epochs, raw t_u.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
const t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];
const x = tf.tensor2d(t_u, [11, 1]); // FAULT
const y = tf.tensor2d(t_c, [11, 1]);

// def model(t_u, w, b): return w * t_u + b, from params = torch.tensor([1.0, 0.0])
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(1e-4) }); // FAULT
model.fit(x, y, { batchSize: 11, epochs: 100, shuffle: false });
