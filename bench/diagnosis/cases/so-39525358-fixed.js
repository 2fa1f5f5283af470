// @case so-39525358-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/39525358/Correct Code/39525358.py"; Stack Overflow question 39525358.
// @data the question's CSV ("sorted output.csv", 3 features, binary label) is not published; stand-in: scikit-learn's bundled
//   breast-cancer data, its 3 features mean radius, mean texture and mean area (standardised, as the fix's StandardScaler;
//   the original has none), label malignant/benign; 67 % for training as train_test_split(test_size=0.33), seeded.
// @settings Adam (Keras default lr 1e-3), binary cross-entropy, batch 10, as the fix.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('breast-cancer').rows, 7);
const X = standardize(rows.map((r) => [r[0], r[1], r[3]]));
const cut = Math.round(rows.length * 0.67);
const xTrain = tf.tensor2d(X.slice(0, cut));
const yTrain = tf.tensor2d(rows.slice(0, cut).map((r) => [r[30]]));
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 3, kernelInitializer: uniform(), activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, kernelInitializer: uniform(), activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform(), activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 150, batchSize: 10 });
