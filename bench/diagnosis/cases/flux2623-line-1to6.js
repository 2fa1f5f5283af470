// @case flux2623-line-1to6
// @set heldout10
// @label buggy
// @bug lr-high
// @fault plain gradient descent at Flux's default rate 0.1 (Descent()) on a one-input linear fit whose inputs are 1–6: the mean
//   squared error's Hessian is 2·[[mean x², mean x], [mean x, 1]] = 2·[[15.17, 3.5], [3.5, 1]], largest eigenvalue 32.0, so a step
//   of 0.1 multiplies the error along it by |1 − 3.2| = 2.2 each epoch — divergence; the stable bound is 2/32 = 0.0625. The
//   tutorial's inputs 0–5 (flux2623-line-0to5) give 19.75, just inside 2/0.1 = 20. The maintainer's reply: "more robust with
//   Descent(0.01)".
// @source GitHub issue github.com/FluxML/Flux.jl/issues/2623 ("Simple single layer line fit does not converge for most sets of sample
//   points", 2025-09-13), on the Flux guide's line-fitting example (fluxml.ai/Flux.jl/stable/guide/models/overview): f(x) = 4x + 2,
//   m = Dense(1 => 1), loss mean(abs2.(m(x) .- y)), opt = Descent(), one train! and then 200 epochs over the one batch; the
//   reporter changes x = hcat(0:5...) to hcat(1:6...).
// @training the issue: with x = 1:6 (also 0:6, 1:10, 0:8, −1:6) "the loss from the train! function becomes larger and larger
//   diverging to infinity", while the tutorial's 0:5 (and −1:5) converges.
// @data inline: x = 1, …, 6 and y = 4x + 2.
// @settings Dense(1) with a Glorot-uniform weight and zero bias (Flux's Dense defaults), mean squared error, SGD 0.1, one batch of
//   the 6 points, 201 epochs.
// @license issue text quoted under GitHub's terms; this is our TensorFlow.js translation of the Julia program.
const tf = require('@tensorflow/tfjs');

const xs = [1, 2, 3, 4, 5, 6]; // FAULT
const f = (x) => 4 * x + 2;
const x = tf.tensor2d(xs.map((v) => [v]));
const y = tf.tensor2d(xs.map((v) => [f(v)]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.1) }); // FAULT
model.fit(x, y, { batchSize: xs.length, epochs: 201 });
