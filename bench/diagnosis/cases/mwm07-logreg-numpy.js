// @case mwm07-logreg-numpy
// @set heldout14
// @label healthy
// @source G. Mohandas, Made With ML, foundations lesson "Logistic Regression": github.com/GokuMohandas/Made-With-ML@2ad655c,
//   notebooks/07_Logistic_Regression.ipynb (outputs saved), the NumPy training loop: W = 0.01·randn(2, 2), b = 0, softmax over two
//   classes, cross-entropy averaged over the rows, full-batch gradient descent with LEARNING_RATE 1e-1, NUM_EPOCHS 50. Data:
//   datasets/tumors.csv at the same commit (1,000 rows: leukocyte_count, blood_pressure; 611 malignant, 389 benign), split
//   70/15/15 stratified, standardised with the training rows' mean and std.
// @training the notebook prints "Epoch: 0, loss: 0.684, accuracy: 0.897", "Epoch: 10, loss: 0.446, accuracy: 0.970", … "Epoch: 40,
//   loss: 0.263, accuracy: 0.973" (the loss still falling: the lesson stops at 50 epochs with 97 % accuracy).
// @data datasets/tumors.csv from the repository at 2ad655c (bench/diagnosis/prepareHeldout14.ts writes it to ~/.cache): the same
//   700 training rows by count and class balance, but our seeded split, not sklearn's.
// @settings Dense(2, softmax) with kernel N(0, 0.01²) and zero bias, categorical cross-entropy, SGD 0.1, one batch of 700 rows,
//   50 epochs: the notebook's plan.
// @license Made With ML is MIT-licensed; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, oneHot } = require('./data.ts');

// train_val_test_split: a stratified 70 % / 15 % / 15 % split (here per class, from a seeded shuffle: the notebook's is sklearn's
// train_test_split after np.random.seed(1234)), then StandardScaler fitted on the training rows.
const all = table('mwm-tumors').rows;
const train = [];
for (let c = 0; c < 2; c++) {
  const rows = shuffled(all.filter((r) => r[2] === c), 1234);
  train.push(...rows.slice(0, Math.round(rows.length * 0.7)));
}
const mean = [0, 1].map((j) => train.reduce((s, r) => s + r[j], 0) / train.length);
const std = [0, 1].map((j) => Math.sqrt(train.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / train.length));
const features = (rows) => tf.tensor2d(rows.map((r) => [(r[0] - mean[0]) / std[0], (r[1] - mean[1]) / std[1]]));
const labels = (rows) => tf.tensor2d(oneHot(rows.map((r) => r[2]), 2));
const X_train = features(shuffled(train, 1));
const y_train = labels(shuffled(train, 1));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, activation: 'softmax', inputShape: [2], kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01, seed: 1234 }), biasInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(X_train, y_train, { batchSize: 700, epochs: 50, shuffle: false });
