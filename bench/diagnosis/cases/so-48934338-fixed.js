// @case so-48934338-fixed
// @label healthy
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
const sgd = tf.train.sgd(0.001);
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(X, y, { epochs: 1000, batchSize: 32 });
