// @case dl4jx699-mul2x-standardized
// @set heldout12
// @label healthy
// @source deeplearning4j/deeplearning4j-examples pull request #699 ("Normalize data math functions example", 2018-06-02, A.
//   Aramburu): github.com/deeplearning4j/deeplearning4j-examples/pull/699 — RegressionMathFunctions on f(x) = 2x over −100 … 100
//   with the data normalized (NormalizerStandardize, fitted on features and labels); the example as stored with that normalizer at
//   github.com/deeplearning4j/deeplearning4j-examples@0ab9931, dl4j-examples/src/main/java/org/deeplearning4j/examples/feedforward/
//   regression/RegressionMathFunctions.java (seed 12345, 1,000 samples on a linspace, batchSize 100, 2,000 epochs,
//   WeightInit.XAVIER, Nesterovs(0.01, 0.9), two DenseLayers of 50 tanh, an MSE OutputLayer with identity, samples shuffled once).
// @training the pull request: "if we normalize the data, then works as expected" (its second screenshot: the fit on the line);
//   no number is printed.
// @data 1,000 points of f(x) = 2x on linspace(−100, 100), features and labels standardized to zero mean and unit variance (the
//   example's NormalizerStandardize with fitLabel(true)), shuffled once with a fixed seed.
// @settings Dense(50, tanh) → Dense(50, tanh) → Dense(1, linear), kernels N(0, 2/(fan-in + fan-out)) (DL4J's XAVIER), zero biases,
//   mean squared error, momentum 0.01 / 0.9 with Nesterov's update, batch 100, 2,000 epochs, the shuffled order kept.
// @license Apache-2.0 (deeplearning4j-examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { shuffled, standardize } = require('./data.ts');

const points = shuffled(Array.from({ length: 1000 }, (_, i) => -100 + (200 * i) / 999), 12345);
// NormalizerStandardize with fitLabel(true): both columns to zero mean, unit variance.
const scaled = standardize(points.map((xi) => [xi, 2 * xi]));
const x = tf.tensor2d(scaled.map(([xi]) => [xi]));
const y = tf.tensor2d(scaled.map(([, yi]) => [yi]));
// DL4J's WeightInit.XAVIER: N(0, 2 / (nIn + nOut)); biases start at 0.
const xavier = (nIn, nOut) => tf.initializers.randomNormal({ stddev: Math.sqrt(2 / (nIn + nOut)) });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 50, activation: 'tanh', inputShape: [1], kernelInitializer: xavier(1, 50), biasInitializer: 'zeros' }));
net.add(tf.layers.dense({ units: 50, activation: 'tanh', kernelInitializer: xavier(50, 50), biasInitializer: 'zeros' }));
net.add(tf.layers.dense({ units: 1, kernelInitializer: xavier(50, 1), biasInitializer: 'zeros' }));
net.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.01, 0.9, true) });
net.fit(x, y, { batchSize: 100, epochs: 2000, shuffle: false });
