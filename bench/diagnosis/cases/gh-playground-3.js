// @case gh-playground-3
// @set heldout5
// @label buggy
// @bug lr-high
// @source GitHub issue github.com/tensorflow/playground/issues/3 ("Tensorflow breaks entirely on the following input",
//   2016): the TensorFlow Playground with activation=tanh, batchSize=1, learningRate=1, noise=50, networkShape=8,
//   percTrainData=50, features x and y, problem=regression on the reg-plane dataset — "both the neurons and the output …
//   giving NaN". A commenter: "Looks like the learning rate is too high. LR < 0.3 seems to work"; the maintainer (dsmilkov):
//   "you are using regression as a problem type, and the output of the last neuron is just a linear function (unbounded
//   output, so the error derivative is unbounded). So, since your learning rate is too high, the network is going to escape
//   the stable region and diverge." The Playground's code: github.com/tensorflow/playground@02469bd (src/dataset.ts
//   regressPlane, src/nn.ts, src/playground.ts).
// @fault learning rate 1 with a batch of one on an unbounded (linear) regression output: the updates overshoot and the
//   weights diverge to NaN (the thread: a rate below 0.3 works).
// @data regressPlane(1200, noise 0.5) as the Playground draws it: x, y uniform in [−6, 6], label = (x + noiseX + y + noiseY)
//   / 10 with noiseX, noiseY uniform in [−3, 3]; shuffled, the first 50 % (600 points) train — seeded here (the issue's
//   seed 0.42182 feeds seedrandom, not reproducible here).
// @settings inputs x, y → Dense(8, tanh) → Dense(1, linear) (the Playground's regression output), weights uniform in
//   [−0.5, 0.5] and biases 0.1 (nn.ts), squared error ½(output − label)² averaged over the batch (nn.Errors.SQUARE and
//   updateWeights' accumulated derivative / count), plain SGD lr 1, batch 1, 20 epochs over the 600 training points (the
//   Playground trains until the user stops it).
// @license the Playground is Apache-2.0-licensed (Copyright Google Inc.); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

// dataset.ts regressPlane: label = (x + y) / 10 on noisy coordinates, radius 6.
function regressPlane(numSamples, noise, random) {
  const radius = 6;
  const getLabel = (x, y) => (x + y) / 10;
  return Array.from({ length: numSamples }, () => {
    const x = random.uniform(-radius, radius);
    const y = random.uniform(-radius, radius);
    const noiseX = random.uniform(-radius, radius) * noise;
    const noiseY = random.uniform(-radius, radius) * noise;
    return [x, y, getLabel(x + noiseX, y + noiseY)];
  });
}
const noise = 50;
const data = shuffled(regressPlane(1200, noise / 100, rng(42182)), 42182);
const trainData = data.slice(0, Math.floor((data.length * 50) / 100));
const inputs = tf.tensor2d(trainData.map((p) => [p[0], p[1]]));
const labels = tf.tensor2d(trainData.map((p) => [p[2]]));

// nn.ts: Link weight = Math.random() - 0.5, Node bias = 0.1.
const weight = () => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 });
const bias = () => tf.initializers.constant({ value: 0.1 });
const network = tf.sequential();
network.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh', kernelInitializer: weight(), biasInitializer: bias() }));
network.add(tf.layers.dense({ units: 1, activation: 'linear', kernelInitializer: weight(), biasInitializer: bias() }));
// nn.Errors.SQUARE: ½(output − target)², its derivatives averaged over the batch.
const squareError = (target, output) => tf.squaredDifference(output, target).mul(0.5).mean();
const learningRate = 1; // FAULT
network.compile({ optimizer: tf.train.sgd(learningRate), loss: squareError }); // FAULT
network.fit(inputs, labels, { batchSize: 1, epochs: 20, shuffle: true });
