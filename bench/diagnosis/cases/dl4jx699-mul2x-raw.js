// @case dl4jx699-mul2x-raw
// @set heldout12
// @label buggy
// @bug unscaled-input, unscaled-target
// @fault dl4j-examples' regression network (1 → 50 tanh → 50 tanh → 1 identity, Nesterov 0.01 / 0.9) asked to learn f(x) = 2x on
//   x from −100 to 100 with the raw values: inputs of ±100 into tanh units and targets of ±200. The pull request's author: "if you
//   try to train the net for a math function which generates values greater than 1 or lower than -1, data must be normalized or
//   the following will happen" (a plot of the failed fit), and with the data normalized it "works as expected"
//   (dl4jx699-mul2x-standardized). The fix standardizes features and labels, so the FAULT lines are where they are built.
// @source deeplearning4j/deeplearning4j-examples pull request #699 ("Normalize data math functions example", 2018-06-02, A.
//   Aramburu): github.com/deeplearning4j/deeplearning4j-examples/pull/699 — Mul2XMathFunction over the range −100 … 100 in
//   RegressionMathFunctions; the example's network and plan as stored at github.com/deeplearning4j/deeplearning4j-examples@0ab9931,
//   dl4j-examples/src/main/java/org/deeplearning4j/examples/feedforward/regression/RegressionMathFunctions.java (seed 12345,
//   nSamples 1,000 on a linspace, batchSize 100, 2,000 epochs, WeightInit.XAVIER, Nesterovs(0.01, 0.9), two DenseLayers of 50
//   tanh, an MSE OutputLayer with identity; the samples shuffled once before the ListDataSetIterator).
// @training the pull request: the raw range fails to fit (its first screenshot) and the normalized data fit "as expected" (its
//   second); no number is printed — the label rests on the author's words and plots.
// @data 1,000 points of f(x) = 2x on linspace(−100, 100), shuffled once with a fixed seed.
// @settings Dense(50, tanh) → Dense(50, tanh) → Dense(1, linear), kernels N(0, 2/(fan-in + fan-out)) (DL4J's XAVIER), zero biases,
//   mean squared error, momentum 0.01 / 0.9 with Nesterov's update, batch 100, 2,000 epochs, the shuffled order kept.
// @license Apache-2.0 (deeplearning4j-examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { shuffled } = require('./data.ts');

const points = shuffled(Array.from({ length: 1000 }, (_, i) => -100 + (200 * i) / 999), 12345);
const x = tf.tensor2d(points.map((xi) => [xi])); // FAULT
const y = tf.tensor2d(points.map((xi) => [2 * xi])); // FAULT
// DL4J's WeightInit.XAVIER: N(0, 2 / (nIn + nOut)); biases start at 0.
const xavier = (nIn, nOut) => tf.initializers.randomNormal({ stddev: Math.sqrt(2 / (nIn + nOut)) });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 50, activation: 'tanh', inputShape: [1], kernelInitializer: xavier(1, 50), biasInitializer: 'zeros' }));
net.add(tf.layers.dense({ units: 50, activation: 'tanh', kernelInitializer: xavier(50, 50), biasInitializer: 'zeros' }));
net.add(tf.layers.dense({ units: 1, kernelInitializer: xavier(50, 1), biasInitializer: 'zeros' }));
net.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.01, 0.9, true) });
net.fit(x, y, { batchSize: 100, epochs: 2000, shuffle: false });
