// @case ocannl-moons-demo
// @set heldout15
// @label healthy
// @source L. Stafiniak, OCANNL (OCaml Compiles Algorithms for Neural Networks Learning, ahrefs): its test of the micrograd half-moons
//   demo, github.com/ahrefs/ocannl@05159a4, test/training/moons_demo.ml, with the output the test expects,
//   test/training/moons_demo.expected @0831ef6. batch_size 10, len 400 (800 points: two half-moons of 400, noise_range 0.1),
//   80 epochs of 80 batches (6,400 steps); mlp x = w3 · relu(b2[16] + w2 · relu(b1[16] + w1 · x)) (no output bias); margin
//   loss relu(1 − class · mlp(x)) averaged over the batch; Train.sgd_update with weight_decay 1e-4 and learning_rate
//   0.1·(2·steps − step)/steps (0.2 falling linearly to 0.1).
// @training the expected output prints "Epoch=1, step=0, batch=0, lr=0.2, epoch loss=17.79" … (step 9: epoch loss 21.76) and at the
//   end "Epoch=80, step=6399, batch=79, lr=0.1, epoch loss=0": the summed margin loss of the last epoch is 0, every point
//   outside the margin.
// @data two interleaving half-moons of 400 points each (classes −1 / +1) with uniform noise of ±0.1 on both coordinates, drawn
//   here with our seeded rng (data.ts rng(2)) in the shape of OCANNL's Datasets.Half_moons generator, not its draws.
// @settings Dense(16, relu) → Dense(16, relu) → Dense(1, no bias), Glorot-uniform weights (OCANNL's own initialiser is not
//   reproduced), zero biases, the margin loss, SGD with decoupled weight decay 1e-4 written as L2 5e-5·Σw² (its gradient 1e-4·w),
//   batch 10 in a fixed order (the test walks batch_n 0…79 each epoch), 80 epochs, the rate falling from 0.2 to 0.1: the test's plan.
// @license OCANNL is BSD-licensed (ahrefs); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// Datasets.Half_moons: len points on each moon, coordinates jittered by up to ±noise_range.
const draw = rng(2);
const len = 400;
const points = [];
const classes = [];
for (let i = 0; i < len; i++) {
  const t = (Math.PI * i) / (len - 1);
  points.push([Math.cos(t) + draw.uniform(-0.1, 0.1), Math.sin(t) + draw.uniform(-0.1, 0.1)]);
  classes.push([1]);
  points.push([1 - Math.cos(t) + draw.uniform(-0.1, 0.1), 0.5 - Math.sin(t) + draw.uniform(-0.1, 0.1)]);
  classes.push([-1]);
}
const x = tf.tensor2d(points);
const y = tf.tensor2d(classes);

// weight_decay 1e-4 inside sgd_update: p ← p − lr·(g + 1e-4·p), the gradient of 5e-5·Σp².
const decay = () => tf.regularizers.l2({ l2: 5e-5 });
const mlp = tf.sequential();
mlp.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2], kernelRegularizer: decay(), biasRegularizer: decay() }));
mlp.add(tf.layers.dense({ units: 16, activation: 'relu', kernelRegularizer: decay(), biasRegularizer: decay() }));
mlp.add(tf.layers.dense({ units: 1, useBias: false, kernelRegularizer: decay() }));

// margin_loss = relu(1 − class · mlp(x)), summed over the batch and divided by batch_size.
function marginLoss(labels, scores) {
  return tf.mean(tf.relu(tf.sub(1, tf.mul(labels, scores))));
}

const steps = 80 * 80;
const optimizer = tf.train.sgd(0.2);
// learning_rate = 0.1 · (2·steps − step) / steps: 0.2 at the first step, 0.1 at the last.
// (setLearningRate, not `optimizer.learningRate = …`: tfjs's SGD steps by a scalar that only setLearningRate rebuilds.)
let step = 0;
const schedule = {
  onBatchBegin: () => {
    optimizer.setLearningRate((0.1 * (2 * steps - step)) / steps);
    step += 1;
  },
};
mlp.compile({ optimizer, loss: marginLoss });
mlp.fit(x, y, { batchSize: 10, epochs: 80, shuffle: false, callbacks: schedule });
