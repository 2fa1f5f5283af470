// @case jg-fizzbuzz-softmax-out
// @set heldout9
// @label buggy
// @bug output-activation
// @fault a softmax on the output layer in front of softmax_cross_entropy_with_logits, which applies its own softmax: the loss
//   sees probabilities in [0, 1] as logits, so it can never fall far below its starting value (ln 4 → at best about
//   ln(1 + 3/e) ≈ 0.74 per row) and its gradient is damped by the extra softmax's derivative. TensorFlow's documentation of
//   the op: "This op expects unscaled logits … Do not call this op with the output of softmax, as it will produce incorrect
//   results."
// @source GitHub issue joelgrus/fizz-buzz-tensorflow#3 "Non Linearity in output layer stops learning" (April 2017,
//   https://github.com/joelgrus/fizz-buzz-tensorflow/issues/3) on github.com/joelgrus/fizz-buzz-tensorflow@d14b8b5, fizz_buzz.py: "I found that the
//   non-linearity in the output layer (sigmoid or softmax) would stop the learning process. How much ever I train the
//   network, its not learning anything. Cost is not going down and accuracy is not going up." The program is the healthy
//   jg-fizzbuzz with tf.nn.softmax put on the output, the variant the reporter describes.
// @training the reporter: the cost does not go down and the accuracy does not go up however long it trains (no numbers
//   given); the unchanged program reaches training accuracy 1.0 (jg-fizzbuzz).
// @data computed by the program itself (binary digits of 101 … 1023 and their fizz-buzz classes).
// @settings as jg-fizzbuzz with activation 'softmax' on the output layer: Dense(100, relu, no bias) → Dense(4, softmax, no bias),
//   tf.losses.softmaxCrossEntropy, SGD 0.05, batch 128, shuffled, 10,000 epochs.
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
model.add(tf.layers.dense({ units: 4, activation: 'softmax', useBias: false, kernelInitializer: init() })); // FAULT
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.sgd(0.05) });
model.fit(trX, trY, { batchSize: 128, epochs: 10000, shuffle: true });
