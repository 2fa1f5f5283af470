// @case so-50481178-buggy
// @set heldout
// @label healthy
// @source-bug output-activation, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/50481178/Buggy Code/50481178.py"; Stack Overflow question 50481178.
// @fault per the benchmark's fix (Benchmark.xlsx row 30): the one-unit sigmoid with binary cross-entropy becomes a two-unit
//   softmax with sparse categorical cross-entropy. The benchmark's own figures barely differ (loss 0.0201 / accuracy
//   0.994 before, 0.0169 / 0.996 after): a sigmoid + binary cross-entropy on 0/1 labels is a standard pairing; the label
//   is the source's.
// @data sklearn make_multilabel_classification(n_samples=1000, n_features=4, n_classes=1) as the program (random_state 0
//   here: the program sets none), labels through its LabelEncoder (0/1 as they are); 80 % kept as its train_test_split
//   (seeded order), of which fit's validation_split 0.1 leaves the first 720 rows for training; features unscaled as there.
// @settings Dense(10, relu) → [Dense(20|30|40|50) → relu] → Dense(1) → sigmoid, Adam (Keras default lr 1e-3), batch 10,
//   50 epochs.
// @training train.ts (wasm, its 50 epochs): loss 0.565 → 0.447, accuracy 0.803 — as the fixed program (0.497 → 0.436,
//   0.801): the sigmoid + binary cross-entropy trains as well as the fix. The label stays the source's.
// @table6 row=30 UM=- DL=yes/no AT=no/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

const train = shuffled(table('multilabel-4x1').rows, 3).slice(0, 800).slice(0, 720);
const xTrain = tf.tensor2d(train.map((r) => r.slice(0, 4)));
const yTrain = tf.tensor2d(train.map((r) => [r[4]]));

const layers = [10, 20, 30, 40, 50];
const model = tf.sequential();
model.add(tf.layers.dense({ units: layers[0], inputDim: 4, activation: 'relu' }));
for (const units of layers.slice(1)) {
  model.add(tf.layers.dense({ units }));
  model.add(tf.layers.activation({ activation: 'relu' }));
}
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // SOURCE-FAULT
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] }); // SOURCE-FAULT
model.fit(xTrain, yTrain, { epochs: 50, batchSize: 10, shuffle: true });
// @source-label buggy
// @relabel buggy → healthy (coordinator, on the @training line above and the scaleprobe2 engineer's runs, 2026-12-06): a sigmoid
//   output with binary cross-entropy on 0/1 labels is the standard pairing for one binary target, and the benchmark's fix (a
//   two-unit softmax with sparse categorical cross-entropy) is the same model in another parameterisation: on its own plan
//   this program trains as the fix does (train.ts: loss 0.447 vs 0.436, accuracy 0.803 vs 0.801), and the benchmark's own
//   figures barely differ (0.0201 / 0.994 vs 0.0169 / 0.996). Nothing in the program keeps it from training. The source's label
//   is kept in @source-label and scored both ways; SOURCE-FAULT replaces FAULT on the same lines.
