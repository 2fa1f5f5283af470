// @case skl-iris-invscaling-nesterov
// @set tuned
// @moved-from heldout15
// @label buggy
// @bug lr-low
// @fault learning_rate='invscaling' with Nesterov momentum 0.9 (the example's sixth strategy): the same schedule, the same 86 %.
//   The fix is the schedule: the FAULT lines are the optimizer and its schedule.
// @source scikit-learn example "Compare Stochastic learning strategies for MLPClassifier" (The scikit-learn developers):
//   github.com/scikit-learn/scikit-learn@1dffe4f, examples/neural_networks/plot_mlp_training_curves.py, and its output as printed
//   on the rendered example page (scikit-learn.org/stable/auto_examples/neural_networks/plot_mlp_training_curves.html, also in the
//   0.20 and 1.8 builds with the same figures). plot_on_dataset(iris): X = MinMaxScaler().fit_transform(load_iris().data),
//   MLPClassifier(random_state=0, max_iter=400, **params).fit(X, y) — the defaults: one hidden layer of 100 ReLU units, softmax
//   output, log-loss plus alpha=1e-4 L2 on the weights (0.5·alpha·Σw²/n), batch_size=min(200, n) = 150 (the whole set: one step
//   an epoch), rows shuffled each epoch, weights and biases U(±√(6/(fan_in + fan_out))), tol=1e-4 with n_iter_no_change=10 (training
//   stops when the epoch loss has not improved by tol for more than 10 epochs in a row).
//   This case: params = {'solver': 'sgd', 'learning_rate': 'invscaling', 'momentum': .9, 'nesterovs_momentum': True, 'learning_rate_init': 0.2}.
// @training the page prints Training set score 0.860000 for both inv-scaling momentum runs, with losses 0.503452 and 0.504185 (which
//   label goes with which differs between builds: at 1dffe4f the params list puts Nesterov before plain momentum, the labels do
//   not); the constant rate with Nesterov momentum: 0.980000 and 0.049540.
// @data load_iris() (150 rows, 4 features, 3 classes) from the scikit-learn table bench/diagnosis/prepare.ts writes (iris), min–max
//   scaled per column as the example's MinMaxScaler.
// @license scikit-learn is BSD-3-Clause; this is our TensorFlow.js translation.
// @settings SGD 0.2 with Nesterov momentum 0.9, the inverse-scaling schedule, full batch, at most 400 epochs: the example's plan.
const tf = require('@tensorflow/tfjs');
const { table, minMax } = require('./data.ts');

// The example's data: iris, every feature min–max scaled to [0, 1].
const iris = table('iris').rows;
const x = tf.tensor2d(minMax(iris.map((r) => r.slice(0, 4))));
const y = tf.oneHot(tf.tensor1d(iris.map((r) => r[4]), 'int32'), 3);

// MLPClassifier's defaults: Glorot-uniform weights AND biases (its _init_coef draws both from U(±√(6/(fan_in + fan_out)))),
// alpha=1e-4 L2 on the weights only, averaged over the batch (0.5·alpha·Σw² / 150 per step).
const l2 = tf.regularizers.l2({ l2: (0.5 * 1e-4) / 150 });
const bound = (fanIn, fanOut) => Math.sqrt(6 / (fanIn + fanOut));
const mlp = tf.sequential();
mlp.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [4], kernelInitializer: tf.initializers.randomUniform({ minval: -bound(4, 100), maxval: bound(4, 100), seed: 0 }), biasInitializer: tf.initializers.randomUniform({ minval: -bound(4, 100), maxval: bound(4, 100), seed: 1 }), kernelRegularizer: l2 }));
mlp.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.randomUniform({ minval: -bound(100, 3), maxval: bound(100, 3), seed: 2 }), biasInitializer: tf.initializers.randomUniform({ minval: -bound(100, 3), maxval: bound(100, 3), seed: 3 }), kernelRegularizer: l2 }));

const optimizer = tf.train.momentum(0.2, 0.9, true); // FAULT
// learning_rate='invscaling': at each epoch's end sklearn sets the rate to learning_rate_init / (t + 1)^power_t with t the number
// of SAMPLES seen (150 per epoch) and power_t 0.5: 0.2 in epoch 1, 0.2/√151 = 0.016 in epoch 2, 0.2/√59851 = 0.0008 by epoch 400.
// (setLearningRate, not `optimizer.learningRate = …`: tfjs's SGD steps by a scalar that only setLearningRate rebuilds.)
const invScaling = {
  onEpochEnd: (epoch) => {
    optimizer.setLearningRate(0.2 / Math.sqrt(150 * (epoch + 1) + 1)); // FAULT
  },
};
// tol=1e-4, n_iter_no_change=10: sklearn stops once the epoch loss has failed to beat its best by tol for more than 10 epochs.
let best = Infinity;
let stale = 0;
const convergence = {
  onEpochEnd: (epoch, logs) => {
    stale = logs.loss > best - 1e-4 ? stale + 1 : 0;
    best = Math.min(best, logs.loss);
    if (stale > 10) mlp.stopTraining = true;
  },
};
mlp.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
mlp.fit(x, y, { batchSize: 150, epochs: 400, shuffle: true, callbacks: [invScaling, convergence] });
