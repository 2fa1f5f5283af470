// @case ard-sine-wave-deep
// @set heldout21
// @label healthy
// @fault none by the source's numbers: three Dense(64, tanh) layers and a sigmoid output separate the alternating bands of a noisy
//   sine wave, "Precision is 99%, we have 14 misclassified points out of 2400."
// @source A. Dertat, "Applied Deep Learning" (a tutorial series with its notebooks):
//   github.com/ardendertat/Applied-Deep-Learning-with-Keras@53bb2f8,
//   notebooks/Part 1 - Artificial Neural Networks.ipynb (outputs saved; Keras 2 on TensorFlow, 2017) —
//   section "Training a Deep Neural Network", "Complex Data - Sine Wave": X, y = make_sine_wave(); Dense(64, input_shape=(2,),
//   activation='tanh'), Dense(64, 'tanh'), Dense(64, 'tanh'), Dense(1, 'sigmoid'); compile('adam', 'binary_crossentropy');
//   fit(X, y, epochs=50).
// @training the notebook's classification report on its 2,400 training points: "avg / total 0.99 0.99 0.99 2400".
// @data make_sine_wave() regenerated with our seeded generator (np.random.seed(0)'s draws are not reproducible here): 2,400 points
//   x0 = linspace(−3π, 3π), x1 = sin(x0) pushed away from the axis by |N(0.1, 0.1²)|, x0 shifted by 0.3 per band of 200 points,
//   the label alternating band by band (x0 is left unscaled, |x0| up to 12.6, as the notebook feeds it).
// @settings 2 → Dense(64, tanh) ×3 → Dense(1, sigmoid), Glorot-uniform kernels, zero biases, binary cross-entropy, Adam at Keras's
//   default 0.001, batches of 32, shuffled, 50 epochs.
// @license the repository states no licence; this is our TensorFlow.js translation of the notebook's settings.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// make_sine_wave(): c = 3, num = 2400, step = num / (c · 4) = 200 points per band
const draw = rng(0);
const num = 2400;
const step = num / 12;
const features = [];
const bands = [];
for (let i = 0; i < num; i++) {
  const x0 = -3 * Math.PI + (6 * Math.PI * i) / (num - 1);
  const sine = Math.sin(x0);
  const push = Math.sign(sine) * Math.abs(0.1 * draw.normal() + 0.1);
  features.push([x0 + Math.floor(i / step) * 0.3, sine + push]); // Python 2 integer division, as the notebook ran
  bands.push([Math.floor(i / step) % 2 === 1 ? 1 : 0]);
}
const X = tf.tensor2d(features);
const y = tf.tensor2d(bands);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputShape: [2], activation: 'tanh' }));
model.add(tf.layers.dense({ units: 64, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 64, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(X, y, { epochs: 50, batchSize: 32, shuffle: true });
