// @case uva-xor-tanh
// @set heldout10
// @label healthy
// @source P. Lippe, UvA Deep Learning Tutorials (University of Amsterdam), tutorial 2 "Introduction to PyTorch", the continuous-XOR
//   example: github.com/phlippe/uvadlc_notebooks@0da8037, docs/tutorial_notebooks/tutorial2/Introduction_to_PyTorch.ipynb —
//   SimpleClassifier: Linear(2, 4) → Tanh → Linear(4, 1) (PyTorch's default initialisation), nn.BCEWithLogitsLoss, SGD(lr=0.1), 2,500
//   XOR points (corners 0/1 with Gaussian noise of std 0.1), batch 128 shuffled, 100 epochs.
// @training the notebook prints, on 500 fresh points: "Accuracy of the model: 100.00%"; the trained first-layer weights are of size
//   1.5–3.3 (the printed state_dict).
// @data computed by the program: the tutorial's XORDataset generator (random corners, label = x XOR y, noise 0.1) with a seeded
//   generator; 2,500 training points and 500 validation points.
// @settings Dense(4, tanh) → Dense(1) logit, kernels and biases U(±1/√fan-in) (PyTorch's default), tf.losses.sigmoidCrossEntropy
//   on the logit (BCEWithLogitsLoss), SGD 0.1, batch 128, 100 epochs, validation data.
// @license MIT (Copyright Phillip Lippe); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(42);
function continuousXor(size, std = 0.1) {
  const points = [];
  const labels = [];
  for (let i = 0; i < size; i++) {
    const a = random.uniform() < 0.5 ? 0 : 1;
    const b = random.uniform() < 0.5 ? 0 : 1;
    points.push([a + std * random.normal(), b + std * random.normal()]);
    labels.push([a + b === 1 ? 1 : 0]);
  }
  return { x: tf.tensor2d(points), y: tf.tensor2d(labels) };
}
const trainSet = continuousXor(2500);
const testSet = continuousXor(500);
const torchDefault = (fanIn) => tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [2], kernelInitializer: torchDefault(2), biasInitializer: torchDefault(2) }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: torchDefault(4), biasInitializer: torchDefault(4) }));
const bceWithLogits = (labels, logits) => tf.losses.sigmoidCrossEntropy(labels, logits);
model.compile({ loss: bceWithLogits, optimizer: tf.train.sgd(0.1) });
model.fit(trainSet.x, trainSet.y, { batchSize: 128, epochs: 100, shuffle: true, validationData: [testSet.x, testSet.y] });
