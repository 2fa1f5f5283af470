// @case skorch332-digits-softmax
// @set heldout20
// @label buggy
// @bug log-of-zero
// @fault a skorch user's 64-20-10-10 MLP with a softmax output on scikit-learn's digits, pixel counts 0–16 fed unscaled, SGD at
//   0.1: trained for 300 epochs instead of 100, its predicted probabilities turn to NaN. skorch's NeuralNetClassifier took
//   torch.log of the softmax output before NLLLoss; a probability that reaches exactly 0 gives −inf and then NaN weights — the
//   mechanism the maintainers confirmed in issue #481 and fixed with an epsilon inside the log (pull request #491). The FAULT line
//   is the loss, the log of the softmax probabilities.
// @source skorch-dev/skorch issue #332 ("When Increase the training epoch, predict_proba would be NaN.", 2018-09-05),
//   https://github.com/skorch-dev/skorch/issues/332: load_digits() as float32 (unscaled); Net: dense0 = nn.Linear(64, 20),
//   F.relu, nn.Dropout(0.5), dense1 = nn.Linear(20, 10), F.relu, output = nn.Linear(10, 10), F.softmax;
//   NeuralNetClassifier(Net, max_epochs=100 → 300, lr=0.1) with skorch's defaults of the time (SGD, batch_size 128, NLLLoss of
//   torch.log(y_pred), train_split CVSplit(5, stratified=True)).
// @training the issue: "when you increase the epoch size, then predict_proba would be NaN ... when epoch size was changed from 100
//   to 300. this problem was happened." No loss values are printed: the label rests on the statement.
// @data scikit-learn's bundled digits (1,797 images of 8 × 8 pixel counts 0–16, unscaled as the program feeds them), split as
//   skorch's CVSplit(5, stratified=True) did: the first StratifiedKFold(5) fold (360 rows) for validation, 1,437 for training
//   (prepareHeldout20.ts: skorch-digits-train, skorch-digits-valid).
// @settings Linear(64, 20) → ReLU → Dropout(0.5) → Linear(20, 10) → ReLU → Linear(10, 10) → softmax, PyTorch's default
//   initialisation (uniform ±1/√fan_in); the negative log of the target class's softmax probability, averaged over the batch, with
//   no epsilon; plain SGD at 0.1; batches of 128, shuffled; 300 epochs; the validation fold as validation data.
// @license skorch is BSD-3-Clause and the program is the user's; this is our TensorFlow.js translation of its settings.
const tf = require('@tensorflow/tfjs');
const { oneHot, table } = require('./data.ts');

const train = table('skorch-digits-train').rows;
const valid = table('skorch-digits-valid').rows;
const pixels = (rows) => tf.tensor2d(rows.map((r) => r.slice(0, 64)));
const classes = (rows) => tf.tensor2d(oneHot(rows.map((r) => r[64]), 10));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(20, 64, { inputShape: [64], activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(torchLinear(10, 20, { activation: 'relu' }));
model.add(torchLinear(10, 10, { activation: 'softmax' }));

// skorch's NeuralNetClassifier.get_loss: NLLLoss(torch.log(y_pred), y), the log of the target class's probability
const nllOfProbabilities = (yTrue, yPred) => tf.neg(tf.mean(tf.log(tf.sum(tf.mul(yTrue, yPred), 1)))); // FAULT
model.compile({ optimizer: tf.train.sgd(0.1), loss: nllOfProbabilities, metrics: ['accuracy'] });
model.fit(pixels(train), classes(train), { batchSize: 128, epochs: 300, shuffle: true, validationData: [pixels(valid), classes(valid)] });
