// @case so-45002504-buggy
// @moved-from heldout2 (held-out protocol: motivated large-initializer judged by its variance gain, branch lint)
// @label buggy
// @bug over-regularization, lr-high
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a,
//   StackOverflow/IPS-13/45002504-buggy/q2_linear_logistic_regression.py; Stack Overflow question 45002504.
// @fault logistic regression on the South African heart-disease table with an L2 term of weight BETA = 1 (l2_loss:
//   ½Σw²) and SGD at lr 0.5 on unscaled features; the fix (45002504-fix) sets BETA = 0.1 and lr 0.01.
// @data the program's own heart_train.csv (413 rows × 9 features, famhist "Present" → 1, label chd as [1 − chd, chd]),
//   read from the repository by prepare.ts (prepareHeldout2.ts); unscaled, as the program feeds it.
// @settings 9 → 2 logits, weights truncated-normal std 1, bias 0; loss mean softmax cross-entropy + BETA·½Σw² (tfjs l2
//   of BETA / 2), SGD lr 0.5, batch 7 (tf.train.shuffle_batch: shuffled batches), 1,000 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const BATCH_SIZE = 7;
const BETA = 1; // FAULT
const LEARNING_RATE = 0.5; // FAULT
const rows = table('so-45002504-heart').rows;
const X = tf.tensor2d(rows.map((r) => r.slice(0, 9)));
const Y = tf.tensor2d(rows.map((r) => [1 - r[9], r[9]]));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 2, kernelInitializer: tf.initializers.truncatedNormal({ stddev: 1 }), kernelRegularizer: tf.regularizers.l2({ l2: BETA / 2 }) }));
const entropy = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: entropy });
model.fit(X, Y, { batchSize: BATCH_SIZE, epochs: 1000 });
