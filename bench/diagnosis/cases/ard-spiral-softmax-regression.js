// @case ard-spiral-softmax-regression
// @set heldout21
// @label buggy
// @bug model-capacity
// @fault a single Dense(3, softmax) — softmax regression, straight class boundaries — on three spiral arms: "Looking at the decision
//   boundary confirms that we still have a linear classifier ... Clearly this is not an optimal classifier." The notebook's fix adds
//   four tanh layers (ard-spiral-deep).
// @source A. Dertat, "Applied Deep Learning" (a tutorial series with its notebooks):
//   github.com/ardendertat/Applied-Deep-Learning-with-Keras@53bb2f8,
//   notebooks/Part 1 - Artificial Neural Networks.ipynb (outputs saved; Keras 2 on TensorFlow, 2017) —
//   section "Multiclass Classification", "Softmax Regression": X, y = make_multiclass(K=3); Sequential([Dense(3, input_shape=(2,),
//   activation='softmax')]); compile('adam', 'categorical_crossentropy'); fit(X, to_categorical(y), epochs=20).
// @training the notebook's classification report on its 1,500 training points: precision "0.49 0.53 0.48" for the three classes,
//   "avg / total 0.50 0.50 0.50 1500" (chance is 0.33).
// @data make_multiclass(N=500, D=2, K=3) regenerated with our seeded generator (np.random.seed(0)'s draws are not reproducible
//   here): three spiral arms of 500 points, radius r = linspace(0, 1, 500), angle t = linspace(4j, 4(j + 1), 500) + N(0, 0.2²),
//   x = (r·sin t, r·cos t), label j.
// @settings 2 → Dense(3, softmax), Glorot-uniform kernel, zero bias, categorical cross-entropy, Adam at Keras's default 0.001,
//   batches of 32, shuffled, 20 epochs.
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
model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })); // FAULT
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(X, yCat, { epochs: 20, batchSize: 32, shuffle: true });
