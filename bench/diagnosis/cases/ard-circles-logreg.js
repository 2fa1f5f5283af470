// @case ard-circles-logreg
// @set heldout21
// @label buggy
// @bug model-capacity
// @fault a single Dense(1, sigmoid) — logistic regression, a straight boundary — on two concentric circles: "The accuracy is 51%.
//   No matter where the model draws the linear line, it will misclassify half of the points, due to the nature of the dataset." The
//   notebook's fix adds two tanh layers (ard-circles-ann).
// @source A. Dertat, "Applied Deep Learning" (a tutorial series with its notebooks):
//   github.com/ardendertat/Applied-Deep-Learning-with-Keras@53bb2f8,
//   notebooks/Part 1 - Artificial Neural Networks.ipynb (outputs saved; Keras 2 on TensorFlow, 2017) —
//   section "Logistic Regression", "Complex Data - Circles": X, y = make_circles(n_samples=1000, noise=0.05, factor=0.3,
//   random_state=0); Sequential([Dense(1, input_shape=(2,), activation='sigmoid')]); compile('adam', 'binary_crossentropy');
//   fit(X, y, epochs=100) (batch_size 32, shuffled: Keras's defaults).
// @training the notebook's classification report on its 1,000 training points: "avg / total 0.50 0.50 0.50 1000" (precision 0.50
//   for both classes), and the text "The accuracy is 51%".
// @data make_circles(n_samples=1000, noise=0.05, factor=0.3, random_state=0) regenerated with our seeded generator (sklearn's draws
//   are not reproducible here): 500 points on the unit circle and 500 on the circle of radius 0.3, at evenly spaced angles, plus
//   N(0, 0.05²) noise on each coordinate; label 1 for the inner circle.
// @settings 2 → Dense(1, sigmoid), Glorot-uniform kernel, zero bias, binary cross-entropy, Adam at Keras's default 0.001, batches of
//   32, shuffled, 100 epochs.
// @license the repository states no licence; this is our TensorFlow.js translation of the notebook's settings.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

// make_circles(n_samples=1000, noise=0.05, factor=0.3): an outer circle (label 0) and an inner one (label 1)
const draw = rng(0);
const points = [];
for (let i = 0; i < 500; i++) {
  const angle = (2 * Math.PI * i) / 500;
  points.push([Math.cos(angle) + 0.05 * draw.normal(), Math.sin(angle) + 0.05 * draw.normal(), 0]);
  points.push([0.3 * Math.cos(angle) + 0.05 * draw.normal(), 0.3 * Math.sin(angle) + 0.05 * draw.normal(), 1]);
}
const rows = shuffled(points, 0);
const X = tf.tensor2d(rows.map((r) => [r[0], r[1]]));
const y = tf.tensor2d(rows.map((r) => [r[2]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })); // FAULT
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(X, y, { epochs: 100, batchSize: 32, shuffle: true });
