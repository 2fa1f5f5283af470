// @case tfx-polynomial-regression
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, polynomial-regression/index.js (fitModel) with the
//   defaults of polynomial-regression/index.html (cubic 6e-6, quadratic -2e-3, linear 0.1, constant 10; learning rate 0.5; 40 epochs).
// @data the example's own generator, rebuilt exactly: x = -400, -368, …, 368 (canvas width 800, 25 points), y the cubic;
//   inputs [1, x, x², x³] with the powers and y standardised as its toNormalizedTensors.
// @settings one linear unit without bias, zeros kernel initialiser, SGD lr 0.5, MSE, batch = all 25 points.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our Node translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { standardize } = require('./data.ts');

const order = 3;
const coeffs = [6e-6, -2e-3, 0.1, 10];
const xs = [];
for (let x = -800 / 2; x < 800 / 2; x += 800 / 25) xs.push(x);
const ys = xs.map((x) => coeffs[0] * x ** 3 + coeffs[1] * x ** 2 + coeffs[2] * x + coeffs[3]);
const powers = standardize(xs.map((x) => Array.from({ length: order }, (_, i) => x ** (i + 1))));
const xData = tf.tensor2d(powers.map((row) => [1, ...row]));
const yData = tf.tensor2d(standardize(ys.map((y) => [y])));

const input = tf.input({ shape: [order + 1] });
const linearLayer = tf.layers.dense({ units: 1, kernelInitializer: 'zeros', useBias: false });
const output = linearLayer.apply(input);
const model = tf.model({ inputs: input, outputs: output });
model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
model.fit(xData, yData, { batchSize: xs.length, epochs: 40 });
