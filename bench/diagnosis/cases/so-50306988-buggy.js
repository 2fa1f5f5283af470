// @case so-50306988-buggy
// @set heldout
// @label buggy
// @bug output-activation, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/50306988/Buggy Code/50306988.py"; Stack Overflow question 50306988.
// @fault per the benchmark's fix (Benchmark.xlsx row 4): the two-unit softmax with categorical cross-entropy becomes one
//   sigmoid unit with binary cross-entropy (published: loss 0.696 / accuracy 0.5 before, 0.67 / 1.0 after); the fixed
//   program also generates twice the points and trains 50 epochs instead of 5.
// @data the program's own generator, seeded: 100 points of class 1 with x, y ~ U(0.2, 0.4) and 100 of class 2 ~ U(0.5, 0.7)
//   (numpy's uniform(low=0.7, high=0.5)), interleaved as its loop builds them; one-hot classes.
// @settings Dense(2) → sigmoid → Dense(2) → softmax, Adam (Keras default lr 1e-3), batch 32, 5 epochs.
// @table6 row=4 UM=no/no DL=yes/yes AT=yes/- DD=yes/yes
// @training Keras (bench/diagnosis/outputOracles.py so-50306988, seeds 1–3, Adam 1e-3, batch 32): its 5 epochs 0.745 / 0.938 / 0.752 →
//   0.731 / 0.901 / 0.745, accuracy 0.500 in every run; 50 epochs still 0.695–0.719, 0.500; the fix's sigmoid + BCE on its 400
//   rows for its 50 epochs 0.605–0.666 (accuracy 0.812 / 1.000 / 1.000), and this program's softmax pair on the same 400 rows
//   and 50 epochs 0.689–0.695 (accuracy 1.000 / 0.500 / 0.237). Every variant ends within 0.09 of ln 2 = 0.693: what keeps
//   it from training is the plan's few Adam 1e-3 steps on inputs spread over 0.2–0.7, more than the output pair (a
//   two-unit softmax is σ of the logits' difference). Label unchanged; reported to the coordinator by quiet, 2026-12-06.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(50306988);
const class1 = Array.from({ length: 200 }, () => random.uniform(0.2, 0.4));
const class2 = Array.from({ length: 200 }, () => random.uniform(0.5, 0.7));
const points = [];
const labels = [];
for (let i = 0; i < 200; i += 2) {
  points.push([class1[i], class1[i + 1]], [class2[i], class2[i + 1]]);
  labels.push([1, 0], [0, 1]);
}
const xTrain = tf.tensor2d(points);
const yTrain = tf.tensor2d(labels);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [2] }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 2 }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { epochs: 5, batchSize: 32 });
