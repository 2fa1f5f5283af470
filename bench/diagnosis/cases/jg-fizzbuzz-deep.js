// @case jg-fizzbuzz-deep
// @set heldout9
// @label healthy
// @source Joel Grus, WrangleConf 2016 talk on Fizz Buzz in Tensorflow: github.com/joelgrus/fizz-buzz-tensorflow@d14b8b5, wrangle/05-deep-learning.py with
//   wrangle/model_helpers.py and wrangle/data.py — two hidden ReLU layers with biases, dropout (keep 0.5) after the first,
//   4 logits, softmax_cross_entropy_with_logits, RMSPropOptimizer(learning_rate=0.0003, decay=0.8, momentum=0.4), batch
//   128, weights and biases normal(0, 0.01); the run wrangle/README.md shows: --num_hidden 1000 --num_hidden2 100
//   --num_epochs 500.
// @training wrangle/README.md's run prints (epoch, training accuracy, cost): 0 0.132 1.386; 100 0.534 1.040; 200 0.783
//   0.658; 300 0.962 0.431; 400 0.975 0.362; then 95 of 1 … 100 right (crosstab).
// @data computed by the program itself (binary digits of 101 … 1023 and their fizz-buzz classes).
// @settings Dense(1000, relu) → Dropout(0.5) → Dense(100, relu) → Dense(4) logits, kernels and biases normal(0, 0.01); the
//   loss is tf.losses.softmaxCrossEntropy on the logits; tfjs RMSProp(0.0003, decay 0.8, momentum 0.4) — TensorFlow 1's
//   RMSProp has the same update (decay is ρ); batch 128, shuffled, 500 epochs.
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
model.add(tf.layers.dense({ units: 1000, inputShape: [10], activation: 'relu', kernelInitializer: init(), biasInitializer: init() }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: init(), biasInitializer: init() }));
model.add(tf.layers.dense({ units: 4, kernelInitializer: init(), biasInitializer: init() }));
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.rmsprop(0.0003, 0.8, 0.4) });
model.fit(trX, trY, { batchSize: 128, epochs: 500, shuffle: true });
