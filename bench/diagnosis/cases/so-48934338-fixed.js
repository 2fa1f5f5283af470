// @case so-48934338-fixed
// @label buggy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/48934338/Correct Code/48934338.py"; Stack Overflow question 48934338.
// @data the program's own synthetic data, seeded: X = 0, 0.1, …, 4.9 (50 rows), y = 5·X² + ε³ with ε ~ N(0, 1).
// @settings SGD lr 0.001, MSE, Keras's default batch 32.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(7);
const xs = Array.from({ length: 50 }, (_, i) => i * 0.1);
const X = tf.tensor2d(xs, [50, 1]);
const y = tf.tensor2d(xs.map((x) => 5 * x ** 2 + random.normal() ** 3), [50, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, activation: 'relu', inputDim: 1 }));
model.add(tf.layers.dense({ units: 30, activation: 'relu', kernelInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 }) }));
model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
const sgd = tf.train.sgd(0.001); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(X, y, { epochs: 1000, batchSize: 32 });
// @bug lr-high
// @source-label healthy
// @fault SGD learning rate 0.001 is still too large for unscaled targets up to 120: the loss reaches the noise floor and is
//   thrown off it again (the fix: a tenth of the rate, or scaled targets).
// @relabel healthy → buggy (coordinator, on the falsealarms engineer's measurement, 2026-12-06): trained on its own plan
//   (train.ts, wasm, 5 runs) the last epoch's MSE is 221 / 1,340 / 211 / 262 / 222 — every run touches the noise floor
//   (~15) and is thrown off it again, and one in five ends as a constant predictor at the buggy twin's level (1,350) —
//   while a tenth of the rate falls smoothly to 31.2 / 31.8 (2 runs): on targets up to 120 SGD 0.001 is still too large a
//   step. FAULT marks the rate's line, appended: no line moved. The source's label is kept in @source-label and scored
//   both ways.
