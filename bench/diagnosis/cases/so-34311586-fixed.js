// @case so-34311586-fixed
// @label buggy
// @bug wrong-init
// @source-label healthy
// @relabel the benchmark files this program as "Correct Code", but trained with its own settings it does not learn XOR:
//   Keras 1's init='uniform' draws weights in ±0.05, which leaves the 2-2-3-1 sigmoid net on the plateau where every
//   output is ≈ 0.5 (first-layer ‖g‖ ~1e-5 at step 0, 4e-5 × the output layer's). In PyTorch (bench/diagnosis/labelChecks.py
//   xor; 10,000 epochs, batch 4, SGD 0.1 Nesterov momentum 0.9, MSE) 4 of 4 seeds ended at loss 0.17–0.22 with outputs
//   between 0.35 and 0.51 for (1,0), (0,1) and (1,1); in TensorFlow.js (train.ts) 3 of 3 runs ended at 0.168–0.187,
//   having sat at 0.22 for their first 8,000–9,500 epochs.
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/34311586/Correct Code/34311586.py"; Stack Overflow question 34311586.
// @data the program's own six XOR rows.
// @fault weights initialised in ±0.05 (Keras 1's 'uniform'): the sigmoid layers start on a plateau the program's 10,000
//   epochs do not leave.
// @settings SGD lr 0.1, momentum 0.9, Nesterov (decay 1e-6 dropped); MSE; batch 4.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const X = tf.tensor2d([[1, 1], [0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]);
const y = tf.tensor2d([[0], [0], [1], [1], [0], [0]]);
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: uniform(), activation: 'sigmoid' })); // FAULT
model.add(tf.layers.dense({ units: 3, kernelInitializer: uniform(), activation: 'sigmoid' })); // FAULT
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform(), activation: 'sigmoid' })); // FAULT
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(X, y, { epochs: 10000, batchSize: 4 });
