// @case nnfs-ch16-binary
// @set heldout11
// @label healthy
// @source H. Kinsley and D. Kukieła, "Neural Networks from Scratch in Python" (2020), the book's code:
//   github.com/Sentdex/nnfs_book@9cf2fc4, Chapter_16/Ch16_Final.py — binary logistic regression: Layer_Dense(2, 64,
//   weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4) (weights 0.01·randn, zero biases) → ReLU → Layer_Dense(64, 1) → sigmoid,
//   binary cross-entropy, Optimizer_Adam(decay=5e-7) (rate 0.001), 10,001 full-batch epochs on spiral_data(samples=100, classes=2),
//   validated on a new spiral_data(samples=100, classes=2).
// @training the file's printed output: epoch 0 acc 0.500 loss 0.693, epoch 1000 … 0.8, epoch 10000 "acc: 0.965, loss: 0.219
//   (data_loss: 0.156, reg_loss: 0.063)"; "validation, acc: 0.945, loss: 0.207".
// @data computed by the program: nnfs's spiral_data with two classes (CS231n's spiral with t·2.5) from a seeded normal; a second draw
//   for validation.
// @settings Dense(64, relu, L2 5e-4 on kernel and bias) → Dense(1, sigmoid), kernels N(0, 0.01²), biases zeros, binaryCrossentropy,
//   Adam 0.001 with epsilon 1e-7 (decay 5e-7 dropped), one batch of 200 points, 10,000 epochs, validation data.
// @license MIT (Copyright Harrison Kinsley); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// nnfs.datasets.spiral_data: `samples` points per class (one 0/1 label column) on an arm of radius 0→1, angle noise N(0, 0.2²).
function spiralData(samples, classes, seed) {
  const random = rng(seed);
  const points = [];
  const labels = [];
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < samples; i++) {
      const r = i / (samples - 1);
      const t = c * 4 + (4 * i) / (samples - 1) + random.normal() * 0.2;
      points.push([r * Math.sin(t * 2.5), r * Math.cos(t * 2.5)]);
      labels.push([c]);
    }
  }
  return [tf.tensor2d(points), tf.tensor2d(labels)];
}

const [X, y] = spiralData(100, 2, 0);
const [xTest, yTest] = spiralData(100, 2, 1);
const small = () => tf.initializers.randomNormal({ stddev: 0.01 });

const model = tf.sequential();
const l2 = () => tf.regularizers.l2({ l2: 5e-4 });
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [2], kernelInitializer: small(), kernelRegularizer: l2(), biasRegularizer: l2() }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: small() }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 200, epochs: 10000, validationData: [xTest, yTest] });
