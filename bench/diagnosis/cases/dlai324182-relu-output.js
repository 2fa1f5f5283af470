// @case dlai324182-relu-output
// @set heldout19
// @label buggy
// @bug dead-relu, output-activation
// @fault a DeepLearning.AI community member's fit of y = 2x − 1 on seven points with a 1-4-2-1 ReLU net whose output unit is a
//   ReLU too: the targets include −3 and −1, which a ReLU output cannot produce, and with two hidden units and one output unit a
//   draw that leaves the output's pre-activation ≤ 0 on all seven inputs passes no gradient at all — "most of the time ... the loss
//   values do not change and stick with a specific value. It happens 6 or 7 times from 10 times of running". The FAULT line is
//   the ReLU output layer. (The draws are seeded here, so every run sees the same one.)
// @source DeepLearning.AI community forum, "Loss values do not change" (topic 324182, 2023),
//   https://community.deeplearning.ai/t/loss-values-do-not-change/324182: x = [−1, 0, 1, 2, 3, 4, 5], y = [−3, −1, 1, 3, 5, 7, 9];
//   Input(1) → Dense(4, relu) → Dense(2, relu) → Dense(1, relu); MeanSquaredError; Adam(0.001); model.fit(x, y, epochs=500).
// @training the poster: "most of the time when I run the model, the loss values do not change and stick with a specific value. It
//   happens 6 or 7 times from 10 times of running. This happens even I change the number of layers and neurons, learning epochs,
//   and learning rate." No loss values are printed: the label rests on the written statement.
// @data the post's seven points, written out.
// @settings Dense(4, relu) → Dense(2, relu) → Dense(1, relu), Keras defaults (Glorot-uniform kernels, zero biases; seeded here with
//   seeds 1, 2, 3); mean squared error; Adam at 0.001; Keras's default batch of 32 (one batch of 7), shuffled; 500 epochs.
// @license the forum post is quoted for reference (no licence stated); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const x = tf.tensor2d([[-1], [0], [1], [2], [3], [4], [5]]);
const y = tf.tensor2d([[-3], [-1], [1], [3], [5], [7], [9]]);

const glorot = (seed) => tf.initializers.glorotUniform({ seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, activation: 'relu', inputShape: [1], kernelInitializer: glorot(1) }));
model.add(tf.layers.dense({ units: 2, activation: 'relu', kernelInitializer: glorot(2) }));
model.add(tf.layers.dense({ units: 1, activation: 'relu', kernelInitializer: glorot(3) })); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.001) });
model.fit(x, y, { epochs: 500, batchSize: 32, shuffle: true });
