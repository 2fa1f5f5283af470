// @case mwm08-linear-spiral
// @set tuned
// @moved-from heldout14 (developed with the capacity-linear neighbours reading in view: its linear and k-NN errors were measured on this program's rows, branch linear)
// @label buggy
// @bug hidden-activation
// @fault the lesson's "Linear model": fc1 = Linear(2, 100) feeds fc2 = Linear(100, 3) with no activation between them ("z =
//   self.fc1(x_in) # linear activation"), so the two layers compose to one linear map and cannot separate the spiral's arms. The
//   lesson's fix adds F.relu after fc1 (mwm08-mlp-relu): the FAULT line is fc1's.
// @source G. Mohandas, Made With ML, foundations lesson "Neural Networks": github.com/GokuMohandas/Made-With-ML@2ad655c,
//   notebooks/08_Neural_Networks.ipynb (outputs saved), the LinearModel cells (INPUT_DIM 2, HIDDEN_DIM 100, NUM_CLASSES 3; nn.CrossEntropyLoss with
//   class weights 1/350 each; Adam lr 1e-2; NUM_EPOCHS 10 full-batch steps). Data: datasets/spiral.csv at the same commit (1,500 points, three
//   classes of 500), shuffled, split 70/15/15 stratified, standardised with the training rows' mean and std.
// @training the notebook prints "Epoch: 0 | loss: 1.13, accuracy: 49.9" … "Epoch: 9 | loss: 0.78, accuracy: 53.9" (the loss
//   bottoms at 0.74 at epoch 3 and rises again), test precision/recall/f1 0.53; the text: "Using the generalized linear method
//   (logistic regression) yielded poor results because of the non-linearity present in our data yet our activation functions
//   were linear." The ReLU MLP on the same data reaches 97.7 % (training) and f1 0.99 (test).
// @data datasets/spiral.csv from the repository at 2ad655c (bench/diagnosis/prepareHeldout14.ts writes it to ~/.cache): the same
//   1,050 training rows by count and class balance, but our seeded split, not sklearn's.
// @settings Dense(100) with no activation → Dense(3, softmax), PyTorch's default Linear initialisation (U(±1/√fan_in) for weights
//   and biases), categorical cross-entropy (the class weights are equal, so the weighted mean is the plain mean), Adam 0.01, one
//   batch of 1,050 rows, 10 epochs: the notebook's plan.
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
model.add(tf.layers.dense({ units: 100, inputShape: [2], kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform' }), biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(2), maxval: 1 / Math.sqrt(2) }) })); // FAULT
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform' }), biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(100), maxval: 1 / Math.sqrt(100) }) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(X_train, y_train, { batchSize: 1050, epochs: 10, shuffle: false });
