// @case apr24-linear-lr001
// @set heldout12
// @label buggy
// @bug lr-high
// @fault the book chapter's "same training loop as PyTorch": a two-layer linear net fitted to y = x1 + x2 on four unnormalized
//   rows (x up to 8, y up to 15) with SGD at 0.01 — the first MSE gradients are large enough that each step overshoots and the loss
//   reaches NaN by epoch 25. The fix (pull request #2459) changes only the rate, 0.01 → 0.001 (apr10-linear-lr0001 is the fixed
//   sibling program), so the FAULT is the optimizer line.
// @source paiml/aprender, the book's chapter 24 example ("Switch From PyTorch") as it stood before the fix:
//   github.com/paiml/aprender@47d63b4, crates/aprender-core/examples/ch24_switch_pytorch.rs — Sequential(Linear(2, 4), Linear(4, 1)),
//   x [[1, 2], [3, 4], [5, 6], [7, 8]], y [3, 7, 11, 15], MSELoss, SGD(lr 0.01), 100 full-batch steps; Linear::new: weights
//   Xavier-uniform, biases U(±1/√fan-in) (crates/aprender-core/src/nn/linear.rs). The fix and its measurements:
//   github.com/paiml/aprender/pull/2459 ("two chapter examples trained to NaN, on main, for three months").
// @training pull request #2459: "Epoch 50: loss=NaN … Training must reduce loss: NaN < 270.3525" (ch10) and "the same shape in
//   ch24_switch_pytorch.rs:61"; the author's sweep on the unmodified example: "lr 0.01 -> NaN (panic); lr 0.001 -> 110.3778 ->
//   0.0000; lr 0.0001 -> 1.0728 -> 0.2124".
// @data the example's four rows, inline.
// @settings Dense(4, linear) → Dense(1, linear), Glorot-uniform kernels, biases U(±1/√fan-in), mean squared error, SGD 0.01, one
//   batch of 4 rows, 100 epochs.
// @license MIT (Copyright Pragmatic AI Labs); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
const y = tf.tensor2d([[3], [7], [11], [15]]);
// aprender's Linear::new: Xavier-uniform weights, biases drawn from U(±1/√in_features) as torch.nn.Linear does.
const biasFor = (fanIn) => tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], kernelInitializer: 'glorotUniform', biasInitializer: biasFor(2) }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform', biasInitializer: biasFor(4) }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01) }); // FAULT
model.fit(x, y, { batchSize: 4, epochs: 100 });
