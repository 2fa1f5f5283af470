// @case canon-zero-output
// @label healthy
// @source issue 12's near miss ("every gradient below a zero-initialised layer is exactly 0 at step 0"): a ReLU classifier whose
//   output layer starts at zero, as zero-initialised last layers are used on purpose (e.g. Goyal et al. 2017, Zhang et al.'s
//   Fixup 2019); our construction. Label checked: see docs/diagnosis.md (training run of this file).
// @data scikit-learn's bundled breast-cancer data (569 rows, 30 features z-scored), binary label, rows shuffled (seeded).
// @settings Dense(32, relu, He-normal) → Dense(1, sigmoid, zeros kernel), Adam lr 1e-3, binary cross-entropy, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('breast-cancer').rows, 13);
const xs = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 30))));
const ys = tf.tensor2d(rows.map((r) => [r[30]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [30], activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 32, epochs: 50, shuffle: true });
