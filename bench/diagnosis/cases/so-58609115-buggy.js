// @case so-58609115-buggy
// @set heldout
// @label buggy
// @bug hidden-activation, output-activation, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/58609115/Buggy Code/untitled27.py"; Stack Overflow question 58609115.
// @fault a 69-class problem (one-hot targets) built of sigmoid layers with a sigmoid output and binary cross-entropy; the
//   fixed program ("Correct Code/untitled27.py") uses ReLU hidden layers, a softmax output and categorical cross-entropy.
//   (Benchmark.xlsx row 29 states the activation change the other way round; the programs are the evidence here.)
// @data the program's own export78.csv (2,209 rows: a number up to ~10^9 and its class among 69 values), read from the
//   DeepLocalize repository by prepare.ts; the class one-hot as its OneHotEncoder(categorical_features=[1]); 80 % for
//   training (seeded order) as its train_test_split; the number unscaled as there.
// @settings Dense(69, N(0, 0.05)) → sigmoid, three times; Adam (Keras default lr 1e-3), batch 50, 1 epoch.
// @table6 row=29 UM=- DL=yes/no AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled } = require('./data.ts');

const rows = shuffled(table('dl-58609115').rows, 58609115);
const train = rows.slice(0, Math.floor(rows.length * 0.8));
const X = tf.tensor2d(train.map((r) => [r[0]]));
const y = tf.tensor2d(oneHot(train.map((r) => r[1]), 69));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });
const classifier = tf.sequential();
classifier.add(tf.layers.dense({ units: 69, kernelInitializer: normal(), inputDim: 1 }));
classifier.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
classifier.add(tf.layers.dense({ units: 69, kernelInitializer: normal() }));
classifier.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
classifier.add(tf.layers.dense({ units: 69, kernelInitializer: normal() }));
classifier.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
classifier.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] }); // FAULT
classifier.fit(X, y, { batchSize: 50, epochs: 1 });
