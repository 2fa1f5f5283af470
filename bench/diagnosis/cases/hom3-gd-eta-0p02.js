// @case hom3-gd-eta-0p02
// @set heldout6
// @label healthy
// @source-bug lr-low
// @source Aurélien Géron, Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 3rd ed. (O'Reilly 2022), chapter 4
//   "Training Models", Batch Gradient Descent, as in its notebook github.com/ageron/handson-ml3@e3f3f9e
//   (04_training_linear_models.ipynb: plot_gradient_descent(theta, eta) for eta = 0.02, 0.1 and 0.5, n_epochs = 1000, on
//   X = 2 * rand(100, 1), y = 4 + 3X + randn(100, 1); Figure 4-8). The book on the three panels:
//   "On the left, the learning rate is too low: the algorithm will eventually reach the solution, but it will take a long time".
// @fault learning rate 0.02 for a problem whose stable range reaches ~0.45 (2/λmax of the MSE Hessian): the book's too-low rate (the fix: 0.1).
// @data the notebook's synthetic linear data regenerated with a seeded generator (np.random.seed(42)'s draws are not
//   reproducible here): 100 points, x uniform in [0, 2), y = 4 + 3x + N(0, 1).
// @settings linear regression θ = (bias, slope) initialised N(0, 1) (np.random.randn(2, 1)), mean squared error (the
//   notebook's gradient 2/m·Xᵀ(Xθ − y) is its gradient), plain batch gradient descent η = 0.02 on all 100 points, 1,000 epochs.
// @license the notebook is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const m = 100;
const random = rng(42);
const xs = Array.from({ length: m }, () => 2 * random.uniform());
const X = tf.tensor2d(xs, [m, 1]);
const y = tf.tensor2d(xs.map((x) => 4 + 3 * x + random.normal()), [m, 1]);

const eta = 0.02; // SOURCE-FAULT
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1, kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1 }) }));
model.compile({ optimizer: tf.train.sgd(eta), loss: 'meanSquaredError' }); // SOURCE-FAULT
model.fit(X, y, { batchSize: m, epochs: 1000, shuffle: false });
// @training train.ts (wasm, the program's 1,000 epochs): MSE 23.9 → 0.766, the same final loss as η 0.1 (31.1 → 0.766) — at
//   the notebook's plan the rate converges; the book's "too low" describes its first 10 steps (Figure 4-8). Label kept (the
//   source's); this line sits after the code so that the FAULT lines keep the numbers run 1 scored.
// @source-label buggy
// @relabel buggy → healthy (coordinator, on the falsealarms engineer's measurement, 2026-12-06): trained on its own plan
//   (train.ts, wasm, 4 runs each) it ends at MSE 0.766 in 4/4 runs, the same as the book's fix η 0.1 in 4/4, within 1 % by
//   epoch 316 of its 1,000; the book's "too low" describes the first 10 steps of Figure 4-8, not the program's outcome.
//   The source's label is kept in @source-label and scored both ways; SOURCE-FAULT replaces FAULT on the same lines.
