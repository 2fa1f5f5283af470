// @case nnfs-ch11-overfit
// @set heldout11
// @label buggy
// @bug missing-regularization
// @fault a 64-unit ReLU layer trained 10,000 full-batch Adam steps at rate 0.05 on 300 spiral points, with no regularization:
//   the book's own printout shows training accuracy 0.983 (loss 0.074) against 0.803 (loss 0.858) on a fresh spiral — the
//   book's chapter 14 adds L2 penalties to this layer (and chapter 15 dropout and more data) to close that gap.
// @source H. Kinsley and D. Kukieła, "Neural Networks from Scratch in Python" (2020), the book's code:
//   github.com/Sentdex/nnfs_book@9cf2fc4, Chapter_10/Ch10_Final.py (the model: Layer_Dense(2, 64) with weights 0.01·randn and zero
//   biases → ReLU → Layer_Dense(64, 3) → softmax + categorical cross-entropy, Optimizer_Adam(learning_rate=0.05, decay=5e-7),
//   10,001 full-batch epochs on spiral_data(samples=100, classes=3)) + Chapter_11/Ch11_Final.py (its validation on a new
//   spiral_data(samples=100, classes=3), with the printed output).
// @training Ch11_Final.py's printed output: "epoch: 10000, acc: 0.983, loss: 0.074, lr: 0.0497…" and "validation, acc: 0.803,
//   loss: 0.858" (chapter 14's L2 version: 0.947 / 0.830).
// @data computed by the program: nnfs's spiral_data (CS231n's spiral with t·2.5) from a seeded normal; a second draw for validation.
// @settings Dense(64, relu) → Dense(3, softmax), kernels N(0, 0.01²), biases zeros, categoricalCrossentropy, Adam 0.05
//   (epsilon 1e-7 as nnfs; the decay 5e-7 is dropped: 0.5 % over the run), one batch of 300 points, 10,000 epochs, validation data.
// @license MIT (Copyright Harrison Kinsley); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// nnfs.datasets.spiral_data: `samples` points per class on an arm of radius 0→1, angle noise N(0, 0.2²).
function spiralData(samples, classes, seed) {
  const random = rng(seed);
  const points = [];
  const labels = [];
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < samples; i++) {
      const r = i / (samples - 1);
      const t = c * 4 + (4 * i) / (samples - 1) + random.normal() * 0.2;
      points.push([r * Math.sin(t * 2.5), r * Math.cos(t * 2.5)]);
      labels.push(Array.from({ length: classes }, (_, k) => (k === c ? 1 : 0)));
    }
  }
  return [tf.tensor2d(points), tf.tensor2d(labels)];
}

const [X, y] = spiralData(100, 3, 0);
const [xTest, yTest] = spiralData(100, 3, 1);
const small = () => tf.initializers.randomNormal({ stddev: 0.01 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [2], kernelInitializer: small() })); // FAULT
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: small() }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.05, 0.9, 0.999, 1e-7), metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 300, epochs: 10000, validationData: [xTest, yTest] });
