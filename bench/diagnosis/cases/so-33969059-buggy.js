// @case so-33969059-buggy
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/33969059/Buggy Code/33969059.py"; Stack Overflow question 33969059.
// @fault softmax on the single output of a regression (constant output 1); the fix makes it linear.
// @data the program's own generator, seeded: X uniform in [0, 10000)³ (2,000 rows instead of 100,000: only the first batches
//   are profiled), y = X·[2, 1, 0.5] + 2.2.
// @settings SGD lr 0.1, momentum 0.9, Nesterov (decay 1e-6 dropped), MSE, Keras's default batch 32.
// @table6 row=7 UM=yes/no DL=yes/yes AT=- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(33969059);
const WS = [2.0, 1.0, 0.5];
const XNO = 2.2;
const xt = Array.from({ length: 2000 }, () => WS.map(() => 10000 * random.uniform()));
const yt = xt.map((x) => [x.reduce((s, v, i) => s + v * WS[i], XNO)]);
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputDim: 3, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 2, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'meanSquaredError', optimizer: sgd, metrics: ['accuracy'] });
model.fit(tf.tensor2d(xt), tf.tensor2d(yt), { epochs: 20, batchSize: 32 });
