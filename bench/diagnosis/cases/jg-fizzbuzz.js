// @case jg-fizzbuzz
// @set heldout9
// @label healthy
// @source Joel Grus, "Fizz Buzz in Tensorflow" (blog post, May 2016): github.com/joelgrus/fizz-buzz-tensorflow@d14b8b5, "Fizz Buzz in Tensorflow.ipynb"
//   (the same program as fizz_buzz.py) — the numbers 101 … 1023 as 10 binary digits, one hidden layer of 100 ReLU units and
//   4 logits (no biases, weights normal with stddev 0.01), softmax_cross_entropy_with_logits, GradientDescentOptimizer(0.05),
//   batch 128 shuffled each epoch, 10,000 epochs.
// @training the notebook prints the training accuracy each epoch: 0.507 at epoch 0, 0.534 (every number predicted "number")
//   flat until about epoch 900, 0.65 at 1,330, 0.82 at 1,800, 0.91 at 2,240, 0.96 at 2,690, 0.98 at 3,570, 1.0 from about
//   5,800 on; on 1 … 100 it then gets all but four right (4, 23, 49, 53 called "fizz").
// @data computed by the program itself (binary digits of 101 … 1023 and their fizz-buzz classes).
// @settings Dense(100, relu, no bias) → Dense(4, no bias) logits, kernels normal(0, 0.01); the loss is tf.losses.softmaxCrossEntropy
//   on the logits (the notebook's softmax_cross_entropy_with_logits); SGD 0.05, batch 128, shuffled, 10,000 epochs.
// @license public domain (the Unlicense, as the repository states); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

// Represent each input by its 10 binary digits; one-hot targets [number, fizz, buzz, fizzbuzz]; train on 101 … 1023.
const binaryEncode = (i) => Array.from({ length: 10 }, (_, d) => (i >> d) & 1);
const fizzBuzzEncode = (i) => (i % 15 === 0 ? [0, 0, 0, 1] : i % 5 === 0 ? [0, 0, 1, 0] : i % 3 === 0 ? [0, 1, 0, 0] : [1, 0, 0, 0]);
const numbers = Array.from({ length: 1024 - 101 }, (_, k) => 101 + k);
const trX = tf.tensor2d(numbers.map(binaryEncode));
const trY = tf.tensor2d(numbers.map(fizzBuzzEncode));
const init = () => tf.initializers.randomNormal({ stddev: 0.01 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, inputShape: [10], activation: 'relu', useBias: false, kernelInitializer: init() }));
model.add(tf.layers.dense({ units: 4, useBias: false, kernelInitializer: init() }));
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.sgd(0.05) });
model.fit(trX, trY, { batchSize: 128, epochs: 10000, shuffle: true });
