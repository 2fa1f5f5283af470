// @case nnfs-ch15-dropout
// @set heldout11
// @label healthy
// @source H. Kinsley and D. Kukieła, "Neural Networks from Scratch in Python" (2020), the book's code:
//   github.com/Sentdex/nnfs_book@9cf2fc4, Chapter_15/Ch15_Final.py — Layer_Dense(2, 64, weight_regularizer_l2=5e-4,
//   bias_regularizer_l2=5e-4) (weights 0.01·randn, zero biases) → ReLU → Layer_Dropout(0.1) → Layer_Dense(64, 3) → softmax +
//   categorical cross-entropy, Optimizer_Adam(learning_rate=0.05, decay=5e-5), 10,001 full-batch epochs on
//   spiral_data(samples=1000, classes=3), validated on spiral_data(samples=100, classes=3).
// @training the file's printed output: "epoch: 10000, acc: 0.688, loss: 0.727 (data_loss: 0.711, reg_loss: 0.016)" (training
//   accuracy measured with dropout on) and "validation, acc: 0.757, loss: 0.712" — the chapter's fix of the chapter-11 model's
//   overfitting (0.983 training / 0.803 validation): validation now at or above training.
// @data computed by the program: nnfs's spiral_data (CS231n's spiral with t·2.5) from a seeded normal; a second draw for validation.
// @settings Dense(64, relu, L2 5e-4 on kernel and bias) → Dropout(0.1) → Dense(3, softmax), kernels N(0, 0.01²), biases zeros,
//   categoricalCrossentropy, Adam 0.05 with epsilon 1e-7 (nnfs's decay 5e-5 is dropped: the book's rate falls from 0.05 to 0.033 over
//   the run), one batch of 3,000 points, 10,000 epochs, validation data.
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

const [X, y] = spiralData(1000, 3, 0);
const [xTest, yTest] = spiralData(100, 3, 1);
const small = () => tf.initializers.randomNormal({ stddev: 0.01 });

const model = tf.sequential();
const l2 = () => tf.regularizers.l2({ l2: 5e-4 });
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [2], kernelInitializer: small(), kernelRegularizer: l2(), biasRegularizer: l2() }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: small() }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.05, 0.9, 0.999, 1e-7), metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 3000, epochs: 10000, validationData: [xTest, yTest] });
