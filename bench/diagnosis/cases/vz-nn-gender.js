// @case vz-nn-gender
// @set tuned
// @moved-from heldout12 (held-out protocol: unscaled-input's judgement over fresh draws of the initial weights was developed on this program's 30 profiles — its warning a coin flip over the draw, 12 of 30 runs)
// @label healthy
// @source V. Zhou, "Machine Learning for Beginners: An Introduction to Neural Networks" (victorzhou.com, 2019), the post's source:
//   github.com/vzhou842/victorzhou.com@0d6af6b, content/posts/2019-03-03-intro-to-neural-networks.md ("Code: A Complete Neural
//   Network"; the same program is github.com/vzhou842/neural-network-from-scratch) — OurNeuralNetwork: 2 inputs → 2 sigmoid → 1
//   sigmoid, every weight and bias np.random.normal(); per-record SGD (learn_rate 0.1) on the gradient of (y_true − y_pred)²
//   (d_L_d_ypred = −2(y_true − y_pred)); 1,000 epochs over the four rows in order.
// @training the post: "Our loss steadily decreases as the network learns" (its loss plot), then the trained net predicts
//   Emily (−7, −3) 0.951 (female) and Frank (20, 2) 0.039 (male).
// @data the post's four rows, inline: weight − 135 lb and height − 66 in (Alice −2, −1 → 1; Bob 25, 6 → 0; Charlie 17, 4 → 0;
//   Diana −15, −6 → 1). Inputs up to 25 in magnitude, as the post feeds them.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), kernels and biases N(0, 1), the loss (y − ŷ)² of one record, SGD 0.1, batch 1,
//   1,000 epochs, rows in the post's order.
// @license the post's code is published for readers to run and modify; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[-2, -1], [25, 6], [17, 4], [-15, -6]]);
const ys = tf.tensor2d([[1], [0], [0], [1]]);
// np.random.normal(): every weight and bias a standard normal.
const standardNormal = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });

const network = tf.sequential();
network.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [2], kernelInitializer: standardNormal(), biasInitializer: standardNormal() }));
network.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: standardNormal(), biasInitializer: standardNormal() }));
// One record per step: the mean squared error of one row is the post's (y_true − y_pred)².
network.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.1) });
network.fit(xs, ys, { batchSize: 1, epochs: 1000, shuffle: false });
