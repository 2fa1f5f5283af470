// @case so-33969059-fixed
// @label buggy
// @bug unscaled-input
// @source-label healthy
// @relabel the benchmark files this program as "Correct Code", but it keeps the buggy program's inputs: X_train from
//   get_data(100000, WS, XNO, 10000), i.e. X uniform in [0, 10000), fed to Dense(INDIM, init='uniform', activation='tanh').
//   Pre-activations in the hundreds saturate both tanh layers (100 % of outputs beyond ±0.99; their gradient is exactly 0
//   in float32), so only the output bias learns: trained with its own settings (100,000 rows, 20 epochs, SGD 0.1 Nesterov,
//   batch 32) in PyTorch (bench/diagnosis/labelChecks.py regression) its MSE ends at 9.04e6 against Var(y) = 9.02e6,
//   R² = -0.001: it predicts the mean. The softmax → linear fix removed one bug and left this one.
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/33969059/Correct Code/33969059.py"; Stack Overflow question 33969059.
// @data the program's own generator, seeded: X uniform in [0, 10000)³ (2,000 rows instead of 100,000: only the first batches
//   are profiled), y = X·[2, 1, 0.5]/2.2 + 1 (the fix's `if 1:` branch divides WS and XNO by their largest magnitude, 2.2;
//   the buggy program's branch does not).
// @fault inputs in the thousands into tanh layers (no scaling): both hidden layers saturate and pass no gradient.
// @settings SGD lr 0.1, momentum 0.9, Nesterov (decay 1e-6 dropped), MSE, Keras's default batch 32; linear output, as the fix
//   (which keeps the unscaled inputs: the benchmark labels it correct).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(33969059);
const MX = 2.2;
const WS = [2.0, 1.0, 0.5].map((w) => w / MX);
const XNO = 2.2 / MX;
const xt = Array.from({ length: 2000 }, () => WS.map(() => 10000 * random.uniform())); // FAULT
const yt = xt.map((x) => [x.reduce((s, v, i) => s + v * WS[i], XNO)]);
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputDim: 3, kernelInitializer: uniform(), activation: 'tanh' })); // FAULT
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 2, kernelInitializer: uniform(), activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform(), activation: 'linear' }));
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'meanSquaredError', optimizer: sgd, metrics: ['accuracy'] });
model.fit(tf.tensor2d(xt), tf.tensor2d(yt), { epochs: 20, batchSize: 32 });
