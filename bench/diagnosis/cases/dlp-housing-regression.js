// @case dlp-housing-regression
// @set heldout4
// @label healthy
// @source Deep Learning with Python, 3rd edition (F. Chollet & M. Watson, Manning 2025), companion notebooks:
//   github.com/fchollet/deep-learning-with-python-notebooks@dea84a4, chapter04_classification-and-regression.ipynb
//   ("Predicting house prices: a regression example": get_model() and one fold of its K-fold validation).
// @data the notebook loads keras's California housing (version="small"), not reachable here. Stand-in: scikit-learn's
//   bundled diabetes regression (442 rows, 10 features; extracted by prepare.ts), features standardised with the
//   training rows' mean and std as the notebook does, the target scaled to the notebook's range (÷ 100, as it divides
//   prices by 100,000); one K-fold training split of 3/4 of the rows, seeded.
// @settings Dense(64, relu) → Dense(64, relu) → Dense(1), Adam (Keras default lr 1e-3), mean squared error (metric mean
//   absolute error), batch 16, 50 epochs.
// @license the notebooks are MIT-licensed (Copyright François Chollet); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('diabetes').rows, 11).slice(0, 331);
const xTrain = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 10))));
const yTrain = tf.tensor2d(rows.map((r) => [r[10] / 100]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [10] }));
model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mae'] });
model.fit(xTrain, yTrain, { epochs: 50, batchSize: 16 });
