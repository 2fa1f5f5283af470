// @case ard-spiral-deep
// @set heldout21
// @label healthy
// @fault none by the source's numbers: four tanh layers (128, 64, 32, 16) before the softmax output classify the three spiral arms,
//   "We got almost 100% accuracy. We've totally misclassified 6 points out of 1500." The twin of ard-spiral-softmax-regression.
// @source A. Dertat, "Applied Deep Learning" (a tutorial series with its notebooks):
//   github.com/ardendertat/Applied-Deep-Learning-with-Keras@53bb2f8,
//   notebooks/Part 1 - Artificial Neural Networks.ipynb (outputs saved; Keras 2 on TensorFlow, 2017) —
//   section "Multiclass Classification", "Deep Neural Network": the same make_multiclass data; Dense(128, input_shape=(2,),
//   activation='tanh'), Dense(64, 'tanh'), Dense(32, 'tanh'), Dense(16, 'tanh'), Dense(3, 'softmax'); compile('adam',
//   'categorical_crossentropy'); fit(X, y_cat, epochs=50).
// @training the notebook's classification report on its 1,500 training points: precision "0.99 1.00 1.00", "avg / total 1.00 1.00
//   1.00 1500".
// @data make_multiclass(N=500, D=2, K=3) regenerated with our seeded generator (np.random.seed(0)'s draws are not reproducible
//   here): three spiral arms of 500 points, radius r = linspace(0, 1, 500), angle t = linspace(4j, 4(j + 1), 500) + N(0, 0.2²),
//   x = (r·sin t, r·cos t), label j.
// @settings 2 → Dense(128, tanh) → Dense(64, tanh) → Dense(32, tanh) → Dense(16, tanh) → Dense(3, softmax), Glorot-uniform kernels,
//   zero biases, categorical cross-entropy, Adam at Keras's default 0.001, batches of 32, shuffled, 50 epochs.
// @license the repository states no licence; this is our TensorFlow.js translation of the notebook's settings.
const tf = require('@tensorflow/tfjs');
const { rng, oneHot } = require('./data.ts');

// make_multiclass(N=500, K=3): three spiral arms, one class each
const draw = rng(0);
const features = [];
const classes = [];
for (let arm = 0; arm < 3; arm++) {
  for (let i = 0; i < 500; i++) {
    const r = i / 499;
    const t = 4 * arm + (4 * i) / 499 + 0.2 * draw.normal();
    features.push([r * Math.sin(t), r * Math.cos(t)]);
    classes.push(arm);
  }
}
const X = tf.tensor2d(features);
const yCat = tf.tensor2d(oneHot(classes, 3));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 128, inputShape: [2], activation: 'tanh' }));
model.add(tf.layers.dense({ units: 64, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 32, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 16, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(X, yCat, { epochs: 50, batchSize: 32, shuffle: true });
