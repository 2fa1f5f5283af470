// @case mlm-capacity-7-nodes
// @set heldout8
// @label healthy
// @source J. Brownlee, Machine Learning Mastery, "How to Control Neural Network Model Capacity With Nodes and Layers"
//   (December 2018, updated August 2020),
//   https://machinelearningmastery.com/how-to-control-neural-network-model-capacity-with-nodes-and-layers/ , section
//   "Change Model Capacity With Nodes": 20 blobs in 100 dimensions (make_blobs(1000, centers=20, n_features=100,
//   cluster_std=2, random_state=2)), one hidden ReLU layer of n_nodes units (he_uniform) → Dense(20, softmax), SGD lr
//   0.01 momentum 0.9, categorical cross-entropy, 100 epochs. n_nodes = 7, the sweep's largest model: the tutorial's
//   printed test accuracy is 1.000 for 6 and 7 nodes ("the model learns the problem perfectly"), against 0.138 for one
//   node.
// @data scikit-learn's make_blobs with the tutorial's seed (prepareHeldout8.ts: mlm-blobs-20), one-hot labels; the first
//   500 rows for training, the rest for the test set.
// @settings Dense(7, relu, he_uniform) → Dense(20, softmax), SGD momentum 0.9 lr 0.01, batch 32, 100 epochs.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('mlm-blobs-20').rows;
const n_train = 500;
const X = rows.map((r) => r.slice(0, 100));
const y = oneHot(rows.map((r) => r[100]), 20);
const trainX = tf.tensor2d(X.slice(0, n_train));
const trainy = tf.tensor2d(y.slice(0, n_train));
const n_nodes = 7;
const model = tf.sequential();
model.add(tf.layers.dense({ units: n_nodes, inputShape: [100], activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 20, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.momentum(0.01, 0.9), metrics: ['accuracy'] });
model.fit(trainX, trainy, { epochs: 100 });
