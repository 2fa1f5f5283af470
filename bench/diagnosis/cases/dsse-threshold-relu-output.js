// @case dsse-threshold-relu-output
// @set heldout18
// @label buggy
// @bug unscaled-input, output-activation
// @fault a 1-3-5-1 ReLU network that should tell whether a number is below or above 50,000: the raw numbers 0–99,999 go in
//   unscaled, and the output unit is a ReLU feeding binary cross-entropy (an output that is 0 or above 1 is clipped to the
//   loss's epsilon, whose gradient is 0); the loss sits near 7.9 — the cross-entropy of a confident wrong answer on half the
//   rows — and the accuracy at 51 %. The FAULT lines are the unscaled input and the ReLU output.
// @source a question on Data Science Stack Exchange, "Why does accuracy remain the same", as mirrored at
//   https://geeksmental.com/question/why-does-accuracy-remain-the-same (the mirror does not give the original question's number):
//   threshold = 50000, samples = 5000; random.randrange(0, threshold) labelled 0 and random.randrange(threshold, 2·threshold)
//   labelled 1, 5,000 each, shuffled; Dense(3, relu, input_dim=1) → Dense(5, relu) → Dense(1, relu); binary_crossentropy, Adam;
//   fit(epochs=10, batch_size=5).
// @training the question's log of epoch 1: "5/10000 … loss: 6.4472 - acc: 0.6000", "455/10000 … loss: 7.8642 - acc: 0.5121",
//   "890/10000 … loss: 7.7693 - acc: 0.5180", "1305/10000 … loss: 7.8306 - acc: 0.5142"; the asker: "accuracy is always about
//   0.5". 7.97 = −ln(1e-7)/2 is the loss of clipped, confidently wrong predictions on half the rows.
// @data generated here as the question does: 5,000 integers uniform in [0, 50,000) labelled 0 and 5,000 in [50,000, 100,000)
//   labelled 1, shuffled (seeded; the question's draw is unseeded).
// @settings Dense(3, relu) → Dense(5, relu) → Dense(1, relu), Glorot-uniform kernels and zero biases (Keras's defaults; seeded
//   here); binary cross-entropy; Adam at Keras's default 0.001; minibatch 5, shuffled each epoch; 10 epochs.
// @license the question is CC BY-SA (Stack Exchange); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

const threshold = 50000;
const samples = 5000;
const random = rng(5000);
const train_data = [];
for (let i = 0; i < samples; i++) {
  train_data.push([Math.floor(random.uniform(0, threshold)), 0]);
  train_data.push([Math.floor(random.uniform(threshold, 2 * threshold)), 1]);
}
const data_set = shuffled(train_data, 5001);
const input_value = tf.tensor2d(data_set.map((row) => [row[0]])); // FAULT
const expected_result = tf.tensor2d(data_set.map((row) => [row[1]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, activation: 'relu', inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 51 }) }));
model.add(tf.layers.dense({ units: 5, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 52 }) }));
model.add(tf.layers.dense({ units: 1, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 53 }) })); // FAULT

model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(input_value, expected_result, { epochs: 10, batchSize: 5, shuffle: true });
