// @case flux2623-line-0to5
// @set heldout10
// @label healthy
// @source the Flux guide's line-fitting example as quoted in GitHub issue github.com/FluxML/Flux.jl/issues/2623 (2025-09-13; the
//   guide: fluxml.ai/Flux.jl/stable/guide/models/overview): f(x) = 4x + 2, m = Dense(1 => 1), loss mean(abs2.(m(x) .- y)),
//   opt = Descent() (rate 0.1), x = hcat(0:5...), one train! and then 200 epochs over the one batch.
// @training the issue: "Here is the working code that is exactly as in the tutorial" (its loss goes down; the guide's page shows the
//   fitted weight near 4 and bias near 2). Closed form: the loss's Hessian 2·[[mean x², mean x], [mean x, 1]] = 2·[[9.17, 2.5],
//   [2.5, 1]] has eigenvalues 19.75 and 0.59, both inside the stable bound 2/0.1 = 20, so gradient descent converges (the fast
//   direction oscillating with factor 0.975, the slow one contracting by 0.94 per epoch).
// @data inline: x = 0, …, 5 and y = 4x + 2.
// @settings Dense(1) with a Glorot-uniform weight and zero bias (Flux's Dense defaults), mean squared error, SGD 0.1, one batch of
//   the 6 points, 201 epochs.
// @license issue text quoted under GitHub's terms; this is our TensorFlow.js translation of the Julia program.
const tf = require('@tensorflow/tfjs');

const xs = [0, 1, 2, 3, 4, 5];
const f = (x) => 4 * x + 2;
const x = tf.tensor2d(xs.map((v) => [v]));
const y = tf.tensor2d(xs.map((v) => [f(v)]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.1) });
model.fit(x, y, { batchSize: xs.length, epochs: 201 });
