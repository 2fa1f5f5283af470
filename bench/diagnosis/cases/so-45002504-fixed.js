// @case so-45002504-fixed
// @moved-from heldout2 (held-out protocol: motivated large-initializer judged by its variance gain, branch lint)
// @label buggy
// @bug unscaled-input
// @source-label healthy
// @relabel the benchmark files this program as the fix, but it feeds the heart data's nine columns unscaled (up to 218) to a
//   logistic regression under SGD 0.01, and trained with its own settings (truncated-normal std-1 weights, mean softmax
//   cross-entropy + 0.1·½Σw², batch 7, 1,000 epochs of 59 batches) it does not settle: TensorFlow
//   (bench/diagnosis/outputOracles.py so-45002504-fixed, seeds 1–3) ends at full-data cross-entropy 46.4 / 44.6 / 71.4 (ln 2 =
//   0.69), accuracy 0.508 / 0.516 / 0.649 where always answering "no chd" scores 0.646, the epoch-mean loss swinging
//   between ~30 and ~62 over its last 100 epochs; TensorFlow.js (train.ts, wasm, two runs) 55.6 → 41.6 and 62.1 → 53.3
//   (min 29.8, 29.4). The same plan with the columns standardised: cross-entropy 0.524–0.527, accuracy 0.726–0.734, the
//   epoch-mean loss within 0.49–0.59 (same oracle, seeds 1–3). The fault left in the fix is the inputs' scale (FAULT on
//   the data line and the layer it feeds).
// @fault nine unscaled columns (up to 218) into the logistic regression: at SGD 0.01 its loss swings far above ln 2 to the
//   end of the plan, where the same plan on standardised columns settles.
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a,
//   StackOverflow/IPS-13/45002504-fix/q2_linear_logistic_regression.py; Stack Overflow question 45002504.
// @data the program's own heart_train.csv (413 rows × 9 features, famhist "Present" → 1, label chd as [1 − chd, chd]),
//   read from the repository by prepare.ts (prepareHeldout2.ts); unscaled, as the program feeds it.
// @settings 9 → 2 logits, weights truncated-normal std 1, bias 0; loss mean softmax cross-entropy + BETA·½Σw² with BETA
//   = 0.1 (tfjs l2 of BETA / 2), SGD lr 0.01, batch 7 (tf.train.shuffle_batch: shuffled batches), 1,000 epochs.
// @training train.ts (wasm, its 1,000 epochs): loss 55.6 → 41.6 (min 29.8), the buggy program's 5,360 → 4,630: the fix is
//   far better but still oscillates far above ln 2 on unscaled features with std-1 weights; relabelled buggy (@relabel).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const BATCH_SIZE = 7;
const BETA = 0.1;
const LEARNING_RATE = 0.01;
const rows = table('so-45002504-heart').rows;
const X = tf.tensor2d(rows.map((r) => r.slice(0, 9))); // FAULT
const Y = tf.tensor2d(rows.map((r) => [1 - r[9], r[9]]));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 2, kernelInitializer: tf.initializers.truncatedNormal({ stddev: 1 }), kernelRegularizer: tf.regularizers.l2({ l2: BETA / 2 }) })); // FAULT
const entropy = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: entropy });
model.fit(X, Y, { batchSize: BATCH_SIZE, epochs: 1000 });
