// @case flux1352-xnor-adam1
// @set heldout10
// @label buggy
// @bug lr-high
// @fault Adam at rate 1.0 for the first 10 full-batch steps of a small ReLU net (then 0.1): steps of ~1 per weight on a net whose
//   weights are ~0.5 push the ReLU units to where they output 0 for every input, and the net is left predicting the mean — the
//   error stalls at 0.25, the variance of a balanced 0/1 target. The thread's reply attributes it to the initialisation (some
//   re-initialised runs reach 1e-5); our reading is that the first phase's rate 1.0 is what a fix edits (Adam's usual 1e-3).
// @source GitHub issue github.com/FluxML/Flux.jl/issues/1352 ("XOR Error not converging to 0", 2020-10-12): Chain(Dense(2, 5, relu),
//   Dense(5, 10, relu), Dense(10, 5, relu), Dense(5, 1)), loss mean(abs2, model(x) .- y), one batch of 10,000 random bit pairs with
//   y = (A == B), ADAM(1.0) for 10 epochs, then ADAM(0.1) for 500.
// @training the issue: "error is stalling at .25, and not reaching 0"; a reply: re-initialising and re-training a few times, "the model
//   converged to a low loss (order of 10^-5)" in some runs.
// @data computed by the program: 10,000 random bit pairs (seeded), target 1 where the bits are equal.
// @settings Dense(5, relu) → Dense(10, relu) → Dense(5, relu) → Dense(1), Glorot-uniform kernels and zero biases (Flux's Dense
//   defaults), mean squared error, Adam 1.0 for 10 epochs then Adam 0.1 for 500, one batch of all 10,000 rows.
// @license issue text quoted under GitHub's terms; this is our TensorFlow.js translation of the Julia program.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(7);
const pairs = [];
const equal = [];
for (let i = 0; i < 10000; i++) {
  const a = random.uniform() < 0.5 ? 1 : 0;
  const b = random.uniform() < 0.5 ? 1 : 0;
  pairs.push([a, b]);
  equal.push([a === b ? 1 : 0]);
}
const trainX = tf.tensor2d(pairs);
const trainY = tf.tensor2d(equal);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 5, inputShape: [2], activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'relu' }));
model.add(tf.layers.dense({ units: 5, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(1.0) }); // FAULT
model.fit(trainX, trainY, { batchSize: 10000, epochs: 10 }).then(() => {
  model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.1) });
  return model.fit(trainX, trainY, { batchSize: 10000, epochs: 500 });
});
