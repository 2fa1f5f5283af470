// @case so-39525358-buggy
// @label buggy
// @bug unscaled-input
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/39525358/Buggy Code/39525358.py"; Stack Overflow question 39525358.
// @fault inputs fed unscaled (features in the hundreds and thousands) into uniform(±0.05)-initialised ReLU layers;
//   the fix standardises X (StandardScaler) and trains with batch 10.
// @data the question's CSV ("sorted output.csv", 3 features, binary label) is not published; stand-in: scikit-learn's bundled
//   breast-cancer data, its 3 features mean radius, mean texture and mean area (the last up to 2,501: unscaled as in the
//   question), label malignant/benign; 67 % for training as train_test_split(test_size=0.33), seeded.
// @settings Adam (Keras default lr 1e-3), binary cross-entropy, batch 1, as the original.
// @table6 row=11 UM=- DL=yes/yes AT=yes/- DD=no/no
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

const rows = shuffled(table('breast-cancer').rows, 7);
const train = rows.slice(0, Math.round(rows.length * 0.67));
const xTrain = tf.tensor2d(train.map((r) => [r[0], r[1], r[3]])); // FAULT
const yTrain = tf.tensor2d(train.map((r) => [r[30]]));
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 3, kernelInitializer: uniform() })); // FAULT
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 150, batchSize: 1 });
