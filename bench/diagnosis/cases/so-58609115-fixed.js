// @case so-58609115-fixed
// @set heldout
// @label buggy
// @bug unscaled-input
// @source-label healthy
// @relabel the benchmark files this program as "Correct Code", but it keeps the raw number (up to 9.9e8) as the network's only
//   input, and trained with its own settings (Dense(69, N(0, 0.05)) → relu → Dense(69) → relu → Dense(69) → softmax,
//   categorical cross-entropy, Adam 1e-3, batch 50, 10 epochs, on the port's 80 % of export78.csv) it stays at chance:
//   Keras (bench/diagnosis/outputOracles.py so-58609115-fixed, seeds 1–3) loss 5.0e5 / 3.5e5 / 3.7e5 → 2.5e4 / 2.4e4 / 3.7e4
//   (uniform guessing: ln 69 = 4.23), class accuracy 0.054 / 0.078 / 0.088 on its training rows and 0.052 / 0.084 / 0.066 on
//   the held-out 20 %, where always answering the commonest class scores 0.043; TensorFlow.js (train.ts, wasm, two runs)
//   12.5 → 12.1 and 12.1 → 11.3, accuracy 0.084 and 0.073. The same plan with the number standardised (training mean and
//   std; same oracle, seeds 1–3) trains: loss 4.2 → 3.0, accuracy 0.16–0.23 (held-out 0.15–0.19). The fault left in the
//   fix is its unscaled input (FAULT on the data line and the first layer it feeds).
// @fault the raw number (up to ~10^9) fed unscaled to the first Dense/relu layers: the softmax saturates on wrong classes
//   (Keras loss ~2.4e4 against ln 69 = 4.23) and the plan does not leave chance.
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/58609115/Correct Code/untitled27.py"; Stack Overflow question 58609115.
// @data the program's own export78.csv (2,209 rows: a number up to ~10^9 and its class among 69 values), read from the
//   DeepLocalize repository by prepare.ts; the class one-hot as its OneHotEncoder(categorical_features=[1]); 80 % for
//   training (seeded order) as its train_test_split; the number unscaled as there.
// @settings Dense(69, N(0, 0.05)) → relu → Dense(69) → relu → Dense(69) → softmax, categorical cross-entropy, Adam (Keras
//   default lr 1e-3), batch 50, 10 epochs.
// @training train.ts (wasm, its 10 epochs): loss 12.5 → 12.1, accuracy 0.084 (majority class 0.044): with the raw
//   number (up to ~10^9) as the only input the ReLU layers blow the logits up and the softmax saturates; the benchmark
//   publishes 0.070 / 0.986. Relabelled buggy (@relabel).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled } = require('./data.ts');

const rows = shuffled(table('dl-58609115').rows, 58609115);
const train = rows.slice(0, Math.floor(rows.length * 0.8));
const X = tf.tensor2d(train.map((r) => [r[0]])); // FAULT
const y = tf.tensor2d(oneHot(train.map((r) => r[1]), 69));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });
const classifier = tf.sequential();
classifier.add(tf.layers.dense({ units: 69, kernelInitializer: normal(), inputDim: 1 })); // FAULT
classifier.add(tf.layers.activation({ activation: 'relu' }));
classifier.add(tf.layers.dense({ units: 69, kernelInitializer: normal() }));
classifier.add(tf.layers.activation({ activation: 'relu' }));
classifier.add(tf.layers.dense({ units: 69, kernelInitializer: normal() }));
classifier.add(tf.layers.activation({ activation: 'softmax' }));
classifier.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
classifier.fit(X, y, { batchSize: 50, epochs: 10 });
