// @case playground-default
// @set heldout5
// @label healthy
// @source TensorFlow Playground (Smilkov, Carter et al., Google 2016): github.com/tensorflow/playground@02469bd — the page's
//   default state (src/state.ts: learningRate 0.03, activation tanh, networkShape [4, 2], batchSize 10, dataset circle,
//   noise 0, percTrainData 50, features x and y, classification, no regularisation) that every visitor first trains; the
//   classification output is tanh against labels ±1 (src/playground.ts, src/dataset.ts classifyCircleData).
// @data classifyCircleData(500, 0) as the Playground draws it: 250 points inside radius 2.5 labelled 1, 250 between radius
//   3.5 and 5 labelled −1; shuffled, the first 50 % train (seeded here; the Playground seeds seedrandom from the URL).
// @settings inputs x, y → Dense(4, tanh) → Dense(2, tanh) → Dense(1, tanh), weights uniform in [−0.5, 0.5] and biases 0.1
//   (nn.ts), squared error ½(output − label)² averaged over the batch (nn.Errors.SQUARE), plain SGD lr 0.03, batch 10,
//   300 epochs over the 250 training points (the Playground trains until the user stops it).
// @license the Playground is Apache-2.0-licensed (Copyright Google Inc.); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

// dataset.ts classifyCircleData: positives inside half the radius, negatives in the outer ring.
function classifyCircleData(numSamples, noise, random) {
  const radius = 5;
  const getCircleLabel = (x, y) => (Math.hypot(x, y) < radius * 0.5 ? 1 : -1);
  const point = (rMin, rMax) => {
    const r = random.uniform(rMin, rMax);
    const angle = random.uniform(0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = random.uniform(-radius, radius) * noise;
    const noiseY = random.uniform(-radius, radius) * noise;
    return [x, y, getCircleLabel(x + noiseX, y + noiseY)];
  };
  return [...Array.from({ length: numSamples / 2 }, () => point(0, radius * 0.5)), ...Array.from({ length: numSamples / 2 }, () => point(radius * 0.7, radius))];
}
const data = shuffled(classifyCircleData(500, 0, rng(7)), 7);
const trainData = data.slice(0, Math.floor((data.length * 50) / 100));
const inputs = tf.tensor2d(trainData.map((p) => [p[0], p[1]]));
const labels = tf.tensor2d(trainData.map((p) => [p[2]]));

// nn.ts: Link weight = Math.random() - 0.5, Node bias = 0.1.
const weight = () => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 });
const bias = () => tf.initializers.constant({ value: 0.1 });
const network = tf.sequential();
network.add(tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh', kernelInitializer: weight(), biasInitializer: bias() }));
network.add(tf.layers.dense({ units: 2, activation: 'tanh', kernelInitializer: weight(), biasInitializer: bias() }));
network.add(tf.layers.dense({ units: 1, activation: 'tanh', kernelInitializer: weight(), biasInitializer: bias() }));
// nn.Errors.SQUARE: ½(output − target)², its derivatives averaged over the batch.
const squareError = (target, output) => tf.squaredDifference(output, target).mul(0.5).mean();
network.compile({ optimizer: tf.train.sgd(0.03), loss: squareError });
network.fit(inputs, labels, { batchSize: 10, epochs: 300, shuffle: true });
