// @case so-39939881-fixed
// @set heldout2
// @label healthy
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a,
//   StackOverflow/IPS-5/39939881-fix/simple_regression.py; Stack Overflow question 39939881.
// @data the program's own generator: w, b ~ U(-8, 8), 8 points x ~ U(-8, 8), y = w·x + b + U(-1, 1) (Python's seeded
//   random: a seeded stand-in of the same distributions).
// @settings W, B zero-initialised, MSE, Adam lr 0.1, the 8 points each step, 100 steps.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(20180130);
const w = random.uniform(-8, 8);
const b = random.uniform(-8, 8);
const X = Array.from({ length: 8 }, () => random.uniform(-8, 8));
const Y = X.map((x) => w * x + b + random.uniform(-1, 1));
const x = tf.tensor2d(X.map((v) => [v]));
const y = tf.tensor2d(Y.map((v) => [v]));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1, kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const optimizer = tf.train.adam(0.1);
model.compile({ optimizer, loss: 'meanSquaredError' });
model.fit(x, y, { batchSize: 8, epochs: 100, shuffle: false });
