// @case so-34673164-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/34673164/Correct Model/untitled39.py"; Stack Overflow question 34673164.
// @data the program's own dataset.csv (9 counties × 16 features, the candidate label-encoded as its LabelEncoder), read
//   from the DeepLocalize repository by prepare.ts; one-hot labels; raw features, normalised by the model's first layer.
// @settings BatchNormalization → Dense(64, tanh) → Dropout 0.5 → Dense(64, tanh) → Dropout 0.5 → Dense(2, sigmoid), binary
//   cross-entropy, SGD lr 0.1, momentum 0.9, Nesterov (decay 1e-6 dropped), Keras 'uniform' kernels, batch 16, 20 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('dl-34673164').rows;
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 16)));
const yTrain = tf.tensor2d(oneHot(rows.map((r) => r[16]), 2));

const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });
const model = tf.sequential();
model.add(tf.layers.batchNormalization({ inputShape: [16] }));
model.add(tf.layers.dense({ units: 64, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 64, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 2, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'binaryCrossentropy', optimizer: sgd, metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 20, batchSize: 16 });
