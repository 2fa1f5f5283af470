// @case rasbt-ch12-iris
// @set heldout7
// @label buggy
// @source S. Raschka, Y. Liu & V. Mirjalili, Machine Learning with PyTorch and Scikit-Learn (Packt 2022), chapter 12
//   "Building a multilayer perceptron for classifying flowers in the Iris dataset", github.com/rasbt/machine-learning-book@35ab377,
//   ch12/ch12_part2.ipynb (cells 22-28): features standardised by the training split's overall mean and standard deviation,
//   Linear(4, 16) → Sigmoid → Linear(16, 3) → Softmax, nn.CrossEntropyLoss (which applies its own log-softmax to the softmax
//   output), Adam lr 0.001, batch 2 (shuffled), 100 epochs on 100 flowers. The stored run: test accuracy 0.9800 on the other 50.
//   The book presents it as working; that CrossEntropyLoss over a Softmax layer applies softmax twice is not remarked on.
// @data scikit-learn's bundled iris, split by the notebook's train_test_split(test_size=1/3, random_state=1) — the same rows,
//   rebuilt by prepareHeldout7.ts; X_train_norm = (X_train − mean(X_train)) / std(X_train) over all entries, as the notebook.
// @settings Dense(16, sigmoid) → Dense(3, softmax), uniform(±1/√fan_in) weights and biases, loss softmax cross-entropy of the
//   softmax output (tf.losses.softmaxCrossEntropy, as CrossEntropyLoss on it), Adam 0.001, batch 2, 100 epochs, shuffled.
// @license the book's code repository is MIT-licensed (Copyright 2021-2025 Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('iris-rasbt').rows.filter((r) => r[5] === 1);
const X_train = rows.map((r) => r.slice(0, 4));
const all = X_train.flat();
const mean = all.reduce((s, v) => s + v, 0) / all.length;
const std = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length);
const X_train_norm = tf.tensor2d(X_train.map((r) => r.map((v) => (v - mean) / std)));
const y_train = tf.tensor2d(oneHot(rows.map((r) => r[4]), 3));

// torch.nn.Linear: weight and bias uniform(-1/sqrt(in_features), 1/sqrt(in_features))
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(16, 4, { inputShape: [4], activation: 'sigmoid' })); // layer1, nn.Sigmoid()
model.add(torchLinear(3, 16, { activation: 'softmax' })); // layer2, nn.Softmax(dim=1) // FAULT
// nn.CrossEntropyLoss() = log-softmax + negative log-likelihood of its input (here the softmax's output)
const loss_fn = (yTrue, pred) => tf.losses.softmaxCrossEntropy(yTrue, pred); // FAULT
model.compile({ loss: loss_fn, optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(X_train_norm, y_train, { batchSize: 2, epochs: 100 });
// @bug output-activation
// @source-label healthy
// @fault softmax output fed to a loss that applies softmax again (nn.CrossEntropyLoss over nn.Softmax): the same fault
//   dc-baseCNN-red-soft (TheDeepChecker) and nl-lenet-redundant-activation (NeuraLint) are labelled buggy for.
// @relabel healthy → buggy after held-out 7's runs (coordinator, on falsealarms' measurement, cae1b16): the double softmax
//   bounds each logit the loss sees to [0, 1], so the loss cannot fall below ln(1 + 2/e) = 0.551 for 3 classes; the port's
//   own plan ends at 0.641 with training accuracy 0.950 (the book reports test accuracy 0.98). A benchmark that labels one
//   fault both ways scores whichever verdict the tool gives as an error once; the taxonomy's label is kept, the source's
//   label is kept in @source-label and scored both ways. FAULT markers sit at the ends of existing lines: no line moved.
