// @case so52800582-x4-unscaled
// @set heldout19
// @label buggy
// @bug unscaled-input, unscaled-target
// @fault a Stack Overflow asker's curve fit of y = x⁴ on x from −100 to 99.5: raw inputs up to 100 feed a sigmoid layer whose
//   Glorot-uniform weights (±0.34) push most units into saturation, and raw targets up to 10⁸ sit eight orders of magnitude above
//   what a Glorot-initialised output layer on unit-scale activations produces, so Adam's 0.001-sized steps cannot reach them —
//   the answer: "your input and output variables have too large values and hence are not compatible with the (initial) weights of
//   the network". The FAULT lines are the unscaled input and target.
// @source Stack Overflow question 52800582, "Why do I fail to predict y=x**4 with keras? (y=x**3 works)" (2018),
//   https://stackoverflow.com/questions/52800582: x = np.arange(-100, 100, 0.5), y = x**4; Sequential Dense(50, input_shape=(1,)) →
//   Activation('sigmoid') → Dense(50) → Activation('elu') → Dense(1); loss 'mse', optimizer 'adam'; model.fit(x, y, epochs=1000,
//   batch_size=len(x)) repeated 100 times, printing the mean squared error after each.
// @training the asker: "I managed to predict y=x**2 and y=x**3, but equations like y=x**4, y=x**5 or y=x**7 only converge to
//   inaccurate lines"; the answer explains the failure by the inputs' and outputs' scale (sigmoid saturation at inputs of ±100,
//   outputs in [−1e8, 1e8] against weights of ±0.34) and fixes it by scaling both. No loss values are printed: the label rests on
//   the written statements.
// @data generated here as the question does: x = −100, −99.5, …, 99.5 (400 points), y = x⁴.
// @settings Dense(50, sigmoid) → Dense(50, elu) → Dense(1), Keras defaults (Glorot-uniform kernels, zero biases); mean squared error;
//   Adam at Keras's default 0.001; full batch of 400, shuffled; 1000 epochs (the asker's first of 100 fit calls).
// @license Stack Overflow content is CC BY-SA; this is our TensorFlow.js translation of the question's program.
const tf = require('@tensorflow/tfjs');

const xs = Array.from({ length: 400 }, (_, i) => -100 + 0.5 * i);
const x = tf.tensor2d(xs.map((v) => [v])); // FAULT
const y = tf.tensor2d(xs.map((v) => [v ** 4])); // FAULT

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [1] }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 50 }));
model.add(tf.layers.activation({ activation: 'elu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.001) });
model.fit(x, y, { epochs: 1000, batchSize: 400 });
