// @case mwm10-utilities-mlp
// @set heldout14
// @label healthy
// @source G. Mohandas, Made With ML, foundations lesson "Utilities": github.com/GokuMohandas/Made-With-ML@2ad655c,
//   notebooks/10_Utilities.ipynb (outputs saved): the spiral data (datasets/spiral.csv at the same commit) split 70/15/15 stratified
//   and standardised; MLP = fc1 Linear(2, 100) → F.relu → Dropout(0.1) → fc2 Linear(100, 3); nn.CrossEntropyLoss with class
//   weights 1/350 each; Adam lr 1e-2; DataLoader(batch_size=64) without shuffling; a Trainer that evaluates the validation split
//   after every epoch, with ReduceLROnPlateau(factor 0.1, patience 3) and early stopping after 3 epochs without a new best
//   validation loss (NUM_EPOCHS 100).
// @training the notebook prints "Epoch: 1 | train_loss: 0.73999, val_loss: 0.58441" … "Epoch: 49 | train_loss: 0.04155, val_loss:
//   0.02008" … "Epoch: 51 | train_loss: 0.04619, val_loss: 0.02179, lr: 1.00E-02, _patience: 1", then "Stopping early!" (the rate
//   never cut).
// @data datasets/spiral.csv from the repository at 2ad655c (bench/diagnosis/prepareHeldout14.ts writes it to ~/.cache): the same
//   1,050 training and 225 validation rows by count and class balance, but our seeded split, not sklearn's.
// @settings Dense(100, relu) → Dropout(0.1) → Dense(3, softmax), PyTorch's default Linear initialisation (U(±1/√fan_in)),
//   categorical cross-entropy, Adam 0.01, batch 64 in order, the validation split as validation data, 52 epochs: the epochs the
//   notebook's run trained before its early stop (the stop itself, and the plateau schedule that never fired, are left out).
// @license Made With ML is MIT-licensed; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, oneHot } = require('./data.ts');

// train_val_test_split: a stratified 70 % / 15 % / 15 % split (here per class, from a seeded shuffle: the notebook's is sklearn's
// train_test_split after np.random.seed(1234)), then StandardScaler fitted on the training rows.
const all = table('mwm-spiral').rows;
const train = [];
const valid = [];
for (let c = 0; c < 3; c++) {
  const rows = shuffled(all.filter((r) => r[2] === c), 1234);
  train.push(...rows.slice(0, Math.round(rows.length * 0.7)));
  valid.push(...rows.slice(Math.round(rows.length * 0.7), Math.round(rows.length * 0.85)));
}
const mean = [0, 1].map((j) => train.reduce((s, r) => s + r[j], 0) / train.length);
const std = [0, 1].map((j) => Math.sqrt(train.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / train.length));
const features = (rows) => tf.tensor2d(rows.map((r) => [(r[0] - mean[0]) / std[0], (r[1] - mean[1]) / std[1]]));
const labels = (rows) => tf.tensor2d(oneHot(rows.map((r) => r[2]), 3));
const X_train = features(shuffled(train, 1));
const y_train = labels(shuffled(train, 1));
const X_val = features(valid);
const y_val = labels(valid);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [2], kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform' }), biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(2), maxval: 1 / Math.sqrt(2) }) }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform' }), biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(100), maxval: 1 / Math.sqrt(100) }) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(X_train, y_train, { batchSize: 64, epochs: 52, shuffle: false, validationData: [X_val, y_val] });
