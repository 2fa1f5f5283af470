// @case so-31627380-buggy
// @set heldout
// @label buggy
// @bug output-activation, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/31627380/Buggy Code/31627380.py"; Stack Overflow question 31627380.
// @fault per the benchmark's fix (Benchmark.xlsx row 28): the two-class softmax with categorical cross-entropy becomes a
//   sigmoid with binary cross-entropy (published: loss 1.238 / accuracy 0.583 before, 0.833 / 0.633 after). Softmax +
//   categorical cross-entropy on one-hot targets is itself a standard pairing; the label is the source's.
// @data the program's own Kaggle titanic train.csv (891 passengers), read from the DeepLocalize repository by prepare.ts
//   with its preprocessing: Age/Fare NaN → the column mean, the 8 categorical columns (Pclass, Name, Sex, SibSp, Parch,
//   Ticket, Cabin, Embarked) label-encoded over train + test; unscaled as there (Name codes up to ~1300); one-hot
//   Survived; the first 80 % for training as its validation_split 0.2.
// @settings Dense(512) → relu → Dropout 0.5 → Dense(2) → softmax, Adam (Keras default lr 1e-3), batch 4, 10 epochs.
// @training train.ts (wasm, 10 epochs): loss 6.32 → 5.70, accuracy 0.643, no worse than the fixed program's 0.629
//   (majority class 0.610).
// @table6 row=28 UM=yes/no DL=yes/yes AT=no/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('dl-31627380').rows;
const train = rows.slice(0, Math.floor(rows.length * 0.8));
const X = tf.tensor2d(train.map((r) => r.slice(0, 10)));
const Y = tf.tensor2d(oneHot(train.map((r) => r[10]), 2));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 512, inputDim: 10 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 2, inputDim: 512 }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] }); // FAULT
model.fit(X, Y, { epochs: 10, batchSize: 4 });
