// @case mwm08-numpy-mlp
// @set heldout14
// @label healthy
// @source G. Mohandas, Made With ML, foundations lesson "Neural Networks": github.com/GokuMohandas/Made-With-ML@2ad655c,
//   notebooks/08_Neural_Networks.ipynb (outputs saved), the NumPy MLP's training loop (W1 = 0.01·randn(2, 100), b1 = 0, ReLU, W2 = 0.01·randn(100, 3), b2 = 0,
//   softmax cross-entropy averaged over the rows, full-batch gradient descent with step 1e0, 1,000 epochs). Data: datasets/spiral.csv at the same commit (1,500 points, three
//   classes of 500), shuffled, split 70/15/15 stratified, standardised with the training rows' mean and std.
// @training the notebook prints "Epoch: 0, loss: 1.099, accuracy: 0.349", "Epoch: 100, loss: 0.545, accuracy: 0.687", … "Epoch: 900,
//   loss: 0.041, accuracy: 0.995"; test f1 0.996.
// @data datasets/spiral.csv from the repository at 2ad655c (bench/diagnosis/prepareHeldout14.ts writes it to ~/.cache): the same
//   1,050 training rows by count and class balance, but our seeded split, not sklearn's.
// @settings Dense(100, relu) → Dense(3, softmax), kernels N(0, 0.01²), zero biases, categorical cross-entropy, SGD 1.0, one batch of
//   1,050 rows, 1,000 epochs: the notebook's plan.
// @license Made With ML is MIT-licensed; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, oneHot } = require('./data.ts');

// train_val_test_split: a stratified 70 % / 15 % / 15 % split (here per class, from a seeded shuffle: the notebook's is sklearn's
// train_test_split after np.random.seed(1234)), then StandardScaler fitted on the training rows.
const all = table('mwm-spiral').rows;
const train = [];
for (let c = 0; c < 3; c++) {
  const rows = shuffled(all.filter((r) => r[2] === c), 1234);
  train.push(...rows.slice(0, Math.round(rows.length * 0.7)));
}
const mean = [0, 1].map((j) => train.reduce((s, r) => s + r[j], 0) / train.length);
const std = [0, 1].map((j) => Math.sqrt(train.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / train.length));
const features = (rows) => tf.tensor2d(rows.map((r) => [(r[0] - mean[0]) / std[0], (r[1] - mean[1]) / std[1]]));
const labels = (rows) => tf.tensor2d(oneHot(rows.map((r) => r[2]), 3));
const X_train = features(shuffled(train, 1));
const y_train = labels(shuffled(train, 1));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [2], kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01, seed: 1234 }), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01, seed: 1235 }), biasInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.sgd(1.0), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(X_train, y_train, { batchSize: 1050, epochs: 1000, shuffle: false });
