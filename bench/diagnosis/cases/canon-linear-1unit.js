// @case canon-linear-1unit
// @label healthy
// @source issue 12's near miss ("error-level 'exploding' on a one-unit linear regression with small weights that trains stably"):
//   our construction. Label checked: see docs/diagnosis.md (training run of this file).
// @data scikit-learn's bundled diabetes data: the BMI column (z-scored) against the raw disease-progression target (25–346),
//   354 rows (80 %, seeded).
// @settings Dense(1) with N(0, 0.01) kernel, SGD lr 0.01, MSE, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('diabetes').rows, 11).slice(0, 354);
const bmi = tf.tensor2d(standardize(rows.map((r) => [r[2]])));
const progression = tf.tensor2d(rows.map((r) => [r[10]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01 }) }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
model.fit(bmi, progression, { batchSize: 32, epochs: 100 });
