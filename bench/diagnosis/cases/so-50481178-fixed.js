// @case so-50481178-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/50481178/Correct Code/50481178.py"; Stack Overflow question 50481178.
// @data sklearn make_multilabel_classification(n_samples=1000, n_features=4, n_classes=1) as the program (random_state 0
//   here: the program sets none), labels through its LabelEncoder (0/1 as they are); 80 % kept as its train_test_split
//   (seeded order), of which fit's validation_split 0.1 leaves the first 720 rows for training; features unscaled as there.
// @settings Dense(10, relu) → Dense(20|30|40|50, relu) → Dense(2, softmax), sparse categorical cross-entropy, Adam (Keras
//   default lr 1e-3), batch 10, 50 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

const train = shuffled(table('multilabel-4x1').rows, 3).slice(0, 800).slice(0, 720);
const xTrain = tf.tensor2d(train.map((r) => r.slice(0, 4)));
const yTrain = tf.tensor2d(train.map((r) => [r[4]]));

const layers = [10, 20, 30, 40, 50];
const model = tf.sequential();
model.add(tf.layers.dense({ units: layers[0], inputDim: 4, activation: 'relu' }));
for (const units of layers.slice(1)) model.add(tf.layers.dense({ units, activation: 'relu' }));
model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
model.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 50, batchSize: 10, shuffle: true });
