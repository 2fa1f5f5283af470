// Gradient Lens example: six sigmoid layers in a row, the textbook vanishing-gradient network.
// 1. "Profile gradients" shows the gradient norm on each layer's line: ~1e-4 on the first layers against
//    ~0.1 at the output, because each sigmoid multiplies the backward signal by at most 0.25.
// 2. "Find learning rate" sweeps the learning rate and suggests one in the panel; Apply edits line 24.
// 3. The sigmoid stack is also underlined while you type (nothing runs for that): its quick fix (Ctrl+.)
//    switches the hidden layers to ReLU with He initialization.
const tf = require('@tensorflow/tfjs');

const FEATURES = 8;
const CLASSES = 3;

function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [FEATURES], activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 32, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 32, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 32, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 32, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 32, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax' }));
  model.compile({
    loss: 'categoricalCrossentropy',
    // the learning rate that "Find learning rate" can set
    optimizer: tf.train.sgd(0.1),
  });
  return model;
}

/** 256 points in three clusters, the same every run (no randomness, no download). */
function sampleBatch() {
  const xs = [];
  const ys = [];
  for (let i = 0; i < 256; i++) {
    const label = i % CLASSES;
    xs.push(Array.from({ length: FEATURES }, (_, j) => Math.sin(i * 0.37 + j) * 0.5 + (j % CLASSES === label ? 1 : 0)));
    ys.push(Array.from({ length: CLASSES }, (_, c) => (c === label ? 1 : 0)));
  }
  return { xs: tf.tensor2d(xs), ys: tf.tensor2d(ys) };
}

module.exports = { createModel, sampleBatch };
